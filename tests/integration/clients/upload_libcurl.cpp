// Presigned PUT the way the seed page's C++ (libcurl) sample does it: CURLOPT_UPLOAD with a
// FILE* as CURLOPT_READDATA and CURLOPT_INFILESIZE_LARGE. libcurl 7.88 then sends
// Expect: 100-continue and waits for the interim answer (clients.md).
//
// build: g++ -std=c++17 -O1 upload_libcurl.cpp -o upload_libcurl -lcurl
// usage: upload_libcurl URL FILE [CONTENT-TYPE]
// Prints "STATUS <code>", the response header lines prefixed "HEADER ", an empty line, then the
// response body. Exit 0 when a response arrived (whatever its status), 1 on a transport error.
#include <curl/curl.h>

#include <cstdio>
#include <string>
#include <sys/stat.h>

namespace {

size_t collect(char* data, size_t size, size_t n, void* userp) {
    static_cast<std::string*>(userp)->append(data, size * n);
    return size * n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s URL FILE [CONTENT-TYPE]\n", argv[0]);
        return 2;
    }
    FILE* fd = std::fopen(argv[2], "rb");
    if (fd == nullptr) {
        std::perror(argv[2]);
        return 1;
    }
    struct stat st {};
    if (fstat(fileno(fd), &st) != 0) {
        std::perror("fstat");
        return 1;
    }
    curl_global_init(CURL_GLOBAL_ALL);
    CURL* curl = curl_easy_init();
    std::string body;
    std::string headers;
    struct curl_slist* list = nullptr;
    if (argc > 3) {
        std::string ct = std::string("Content-Type: ") + argv[3];
        list = curl_slist_append(list, ct.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READDATA, fd);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(st.st_size));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headers);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    if (list != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    CURLcode res = curl_easy_perform(curl);
    int rc = 0;
    if (res != CURLE_OK) {
        std::fprintf(stderr, "transport error: %s\n", curl_easy_strerror(res));
        rc = 1;
    } else {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        std::printf("STATUS %ld\n", status);
        // Header lines of every response (the 100 Continue too), each prefixed.
        size_t pos = 0;
        while (pos < headers.size()) {
            size_t end = headers.find('\n', pos);
            if (end == std::string::npos) end = headers.size();
            std::string line = headers.substr(pos, end - pos);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) std::printf("HEADER %s\n", line.c_str());
            pos = end + 1;
        }
        std::printf("\n");
        std::fwrite(body.data(), 1, body.size(), stdout);
        std::fprintf(stderr, "%s\n", curl_version());
    }
    if (list != nullptr) curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    std::fclose(fd);
    return rc;
}
