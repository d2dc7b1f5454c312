// Presigned PUT the way the seed page's Go sample does it: http.NewRequest("PUT", url, *os.File).
// Go sets no ContentLength for an *os.File body, so the request goes out with
// Transfer-Encoding: chunked (clients.md).
//
// usage: go run upload.go URL FILE [CONTENT-TYPE]
// Prints "STATUS <code>", "HEADER k: v" lines, an empty line, then the response body.
// Exit 0 when a response arrived (whatever its status), 1 on a transport error.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"time"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: upload URL FILE [CONTENT-TYPE]")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	req, err := http.NewRequest("PUT", os.Args[1], f)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(os.Args) > 3 {
		req.Header.Set("Content-Type", os.Args[3])
	}
	client := &http.Client{Timeout: 60 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		fmt.Fprintln(os.Stderr, "transport error:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "reading the response:", err)
		os.Exit(1)
	}
	fmt.Printf("STATUS %d\n", resp.StatusCode)
	for k, vs := range resp.Header {
		for _, v := range vs {
			fmt.Printf("HEADER %s: %s\n", k, v)
		}
	}
	fmt.Print("\n")
	os.Stdout.Write(body)
	fmt.Fprintln(os.Stderr, runtime.Version())
}
