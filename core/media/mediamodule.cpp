// libcurator_media.so: the implementation of MediaBackend (media/mediabackend.h) over OpenCV's imgcodecs
// and libcurl. Built as a module with hidden symbols; its one exported symbol is the entry point.

#include "media/mediabackend.h"

#include <curl/curl.h>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <mutex>
#include <new>

namespace curator {
namespace {

struct Transfer {
    const HttpDataCallback* onData = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    CURL* curl = nullptr;
    HttpResponse response;
    size_t delivered = 0; // bytes handed to onData
    bool stoppedByCaller = false;
    long idleTimeoutMs = 0;
    std::chrono::steady_clock::time_point lastByte = std::chrono::steady_clock::now();
    bool idleTimedOut = false;
    std::string callbackError; // what onData threw: an exception must not cross libcurl's C frames
};

bool isSuccess(long status) {
    return status >= 200 && status < 300;
}

size_t onBody(char* data, size_t size, size_t count, void* context) {
    auto* transfer = static_cast<Transfer*>(context);
    const size_t bytes = size * count;
    transfer->lastByte = std::chrono::steady_clock::now();
    long status = 0;
    curl_easy_getinfo(transfer->curl, CURLINFO_RESPONSE_CODE, &status);
    // Only a successful body is streamed; an error body is kept for the message.
    if (transfer->onData != nullptr && isSuccess(status)) {
        bool more = false;
        try {
            more = (*transfer->onData)(std::string_view(data, bytes));
        } catch (const std::exception& error) {
            transfer->callbackError = error.what();
        } catch (...) {
            transfer->callbackError = "unknown exception";
        }
        if (!more) {
            transfer->stoppedByCaller = true;
            return 0; // aborts the transfer
        }
        transfer->delivered += bytes;
        return bytes;
    }
    transfer->response.body.append(data, bytes);
    return bytes;
}

size_t onHeader(char* data, size_t size, size_t count, void* context) {
    auto* transfer = static_cast<Transfer*>(context);
    const size_t bytes = size * count;
    transfer->lastByte = std::chrono::steady_clock::now();
    const std::string line(data, bytes);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        transfer->response.headers[name] =
            first == std::string::npos ? "" : value.substr(first, last - first + 1);
    }
    return bytes;
}

int onProgress(void* context, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* transfer = static_cast<Transfer*>(context);
    if (transfer->cancel != nullptr && transfer->cancel->load()) {
        return 1;
    }
    if (transfer->idleTimeoutMs > 0 && std::chrono::steady_clock::now() - transfer->lastByte >
                                           std::chrono::milliseconds(transfer->idleTimeoutMs)) {
        transfer->idleTimedOut = true;
        return 1;
    }
    return 0;
}

void setBody(CURL* curl, const std::string& body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
}

HttpAttempt performTransfer(const HttpRequest& request, const HttpDataCallback* onData,
                            const std::atomic<bool>* cancel) {
    Transfer transfer;
    transfer.onData = onData;
    transfer.cancel = cancel;
    transfer.idleTimeoutMs = request.idleTimeoutMs;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    transfer.curl = curl.get();
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) {
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    }
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, request.timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &transfer);
    if (request.method == "POST") {
        curl_easy_setopt(curl.get(), CURLOPT_POST, 1L);
        setBody(curl.get(), request.body);
    } else if (request.method != "GET") {
        curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (!request.body.empty()) {
            setBody(curl.get(), request.body);
        }
    }
    const CURLcode code = curl_easy_perform(curl.get());
    curl_slist_free_all(headers);
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);

    HttpAttempt attempt;
    transfer.response.status = status;
    attempt.delivered = transfer.delivered;
    if (!transfer.callbackError.empty()) {
        attempt.outcome = HttpAttempt::Outcome::TransportError;
        attempt.error = "the data callback failed: " + transfer.callbackError;
    } else if (transfer.idleTimedOut) {
        attempt.outcome = HttpAttempt::Outcome::TimedOut;
        attempt.error = "Timeout: no data for " + std::to_string((request.idleTimeoutMs + 999) / 1000) +
                        " s (the idle timeout)";
    } else if (code == CURLE_ABORTED_BY_CALLBACK || (code == CURLE_WRITE_ERROR && transfer.stoppedByCaller)) {
        attempt.outcome = transfer.stoppedByCaller ? HttpAttempt::Outcome::StoppedByCaller
                                                   : HttpAttempt::Outcome::Cancelled;
    } else if (code != CURLE_OK) {
        attempt.outcome = code == CURLE_OPERATION_TIMEDOUT ? HttpAttempt::Outcome::TimedOut
                                                           : HttpAttempt::Outcome::TransportError;
        attempt.error = curl_easy_strerror(code);
    } else {
        attempt.outcome = HttpAttempt::Outcome::Completed;
    }
    attempt.response = std::move(transfer.response);
    return attempt;
}

class OpenCvCurlBackend final : public MediaBackend {
public:
    OpenCvCurlBackend() { curl_global_init(CURL_GLOBAL_DEFAULT); }

    int abiVersion() const override { return kMediaBackendAbiVersion; }

    cv::Mat readImage(const std::string& path, int flags) override { return cv::imread(path, flags); }
    bool writeImage(const std::string& path, const cv::Mat& image, const std::vector<int>& params) override {
        return cv::imwrite(path, image, params);
    }
    bool encodeImage(const std::string& extension, const cv::Mat& image, std::vector<uchar>& bytes,
                     const std::vector<int>& params) override {
        return cv::imencode(extension, image, bytes, params);
    }
    cv::Mat decodeImage(const std::vector<uchar>& bytes, int flags) override {
        return cv::imdecode(bytes, flags);
    }

    HttpAttempt transfer(const HttpRequest& request, const HttpDataCallback* onData,
                         const std::atomic<bool>* cancel) override {
        return performTransfer(request, onData, cancel);
    }
};

} // namespace
} // namespace curator

extern "C" __attribute__((visibility("default"))) curator::MediaBackend* curator_media_backend() noexcept {
    // Constructed on the first call (the loader calls once, under its own lock), never destroyed: objects
    // and threads may use it until the process ends.
    // noexcept: an allocation failure reads as "no backend", which the loader reports.
    static auto* backend = new (std::nothrow) curator::OpenCvCurlBackend();
    return backend;
}
