#pragma once

// The interface between the core and the media module (libcurator_media.so): OpenCV's image codecs and
// libcurl. Linked into the program, those two bring about 150 shared libraries (imgcodecs alone pulls in
// GDAL, the codec libraries and their dependencies), and the dynamic loader spent about a third of a
// whole `curator-cli search` resolving their symbols. The core loads the module on the first image read
// or write or HTTP request (core/media/medialoader.h), so a search, a count or a commit never does.
//
// Rules of the boundary:
// - The module does not link curator_core: it uses plain types and inline members of core headers only.
// - The codec calls behave exactly as OpenCV's own (they may throw cv::Exception, as before); the HTTP
//   transfer never throws.
// - The module is never unloaded. kMediaBackendAbiVersion is bumped whenever this file changes, and a
//   module of another version is refused.

#include "net/httpclient.h"

#include <opencv2/core.hpp>

#include <atomic>
#include <string>
#include <vector>

namespace curator {

constexpr int kMediaBackendAbiVersion = 3; // 2: HttpRequest::idleTimeoutMs; 3: Outcome::TimedOut

// What one HTTP transfer (no retry) ended with.
struct HttpAttempt {
    enum class Outcome {
        Completed,       // a response arrived (any status)
        StoppedByCaller, // the data callback answered false
        Cancelled,       // `*cancel` became true
        TransportError,  // no complete response: `error` says why
        TimedOut,        // the whole-transfer cap or the idle timeout ran out: `error` says which
    };
    Outcome outcome = Outcome::TransportError;
    std::string error;
    HttpResponse response; // status and headers; the body unless it was streamed to the callback
    size_t delivered = 0;  // bytes handed to the data callback
};

class MediaBackend {
public:
    virtual ~MediaBackend() = default;
    virtual int abiVersion() const = 0;

    // cv::imread, cv::imwrite, cv::imencode and cv::imdecode.
    virtual cv::Mat readImage(const std::string& path, int flags) = 0;
    virtual bool writeImage(const std::string& path, const cv::Mat& image,
                            const std::vector<int>& params) = 0;
    virtual bool encodeImage(const std::string& extension, const cv::Mat& image, std::vector<uchar>& bytes,
                             const std::vector<int>& params) = 0;
    virtual cv::Mat decodeImage(const std::vector<uchar>& bytes, int flags) = 0;

    // One HTTP request with libcurl. A successful (2xx) body goes to `onData` when given; any other
    // body is kept in the response for the error message.
    virtual HttpAttempt transfer(const HttpRequest& request, const HttpDataCallback* onData,
                                 const std::atomic<bool>* cancel) = 0;
};

} // namespace curator

// The module's one exported symbol; returns a backend that lives until the process ends.
#define CURATOR_MEDIA_ENTRY_POINT "curator_media_backend"
using CuratorMediaEntryPoint = curator::MediaBackend* (*)();
