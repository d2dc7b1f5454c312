// Presigned PUT the way the seed page's Android sample does it: HttpURLConnection with
// Content-Type: application/octet-stream (so the URL must be signed with it) and a fixed-length
// streaming body. No Expect: 100-continue: the whole body is written before the answer is read.
//
// usage: java Upload.java URL FILE [CONTENT-TYPE]   (single-file source launcher, JDK 11+)
// Prints "STATUS <code>", "HEADER k: v" lines, an empty line, then the response body.
// Exit 0 when a response arrived (whatever its status), 1 on a transport error (for example a
// connection reset while the body was still being written).
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

public class Upload {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java Upload.java URL FILE [CONTENT-TYPE]");
            System.exit(2);
        }
        String contentType = args.length > 2 ? args[2] : "application/octet-stream";
        File file = new File(args[1]);
        HttpURLConnection conn = (HttpURLConnection) new URL(args[0]).openConnection();
        conn.setConnectTimeout(10000);
        conn.setReadTimeout(60000);
        conn.setDoOutput(true);
        conn.setRequestMethod("PUT");
        conn.setRequestProperty("Content-Type", contentType);
        conn.setFixedLengthStreamingMode(file.length());
        int status;
        try {
            try (OutputStream out = conn.getOutputStream(); InputStream in = new FileInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
            }
            status = conn.getResponseCode();
        } catch (IOException e) {
            System.err.println("transport error: " + e);
            System.exit(1);
            return;
        }
        InputStream body = status >= 400 ? conn.getErrorStream() : conn.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (body != null) {
            try (InputStream b = body) {
                b.transferTo(bytes);
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print("STATUS " + status + "\n");
        for (Map.Entry<String, List<String>> h : conn.getHeaderFields().entrySet()) {
            if (h.getKey() == null) continue;
            for (String v : h.getValue()) out.print("HEADER " + h.getKey() + ": " + v + "\n");
        }
        out.print("\n");
        out.flush();
        System.out.write(bytes.toByteArray());
        System.out.flush();
        System.err.println("java " + System.getProperty("java.version"));
    }
}
