#pragma once

#include <optional>
#include <string>
#include <utility>

namespace curator {

// A failure with a message meant for a person: it names the file, row or field and what was expected.
struct Error {
    std::string message;
};

inline Error makeError(std::string message) {
    return Error{std::move(message)};
}

// The value of a core call or the reason it failed. Public core functions return this instead of
// throwing, so that no exception crosses into the UI, a thread boundary or an agent tool.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_value(std::move(value)) {}
    Result(Error error)
        : m_error(std::move(error.message)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    const T& operator*() const& { return *m_value; }
    T& operator*() & { return *m_value; }

    const std::string& error() const { return m_error; }
    Error takeError() { return Error{std::move(m_error)}; }

private:
    std::optional<T> m_value;
    std::string m_error;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error.message)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const std::string& error() const { return m_error; }
    Error takeError() { return Error{std::move(m_error)}; }

private:
    bool m_failed = false;
    std::string m_error;
};

using Status = Result<void>;

} // namespace curator

// Forwarding an error in one line. Inside a function that returns any Result (or Status):
//
//   CURATOR_TRY(Graph graph, loadGraph());  // declares `graph` (moved out of the value) or returns the error
//   CURATOR_TRY_STATUS(writer.prepare());   // returns the error of a failed Status (or Result)
//
// The error is passed on unchanged; wrap the call in your own check where a message needs more context.
// `declaration` is a declaration and the results are names, so they cannot be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define CURATOR_TRY(declaration, expression)                                                                 \
    CURATOR_TRY_IMPL_(CURATOR_TRY_CONCAT_(curatorTryResult_, __LINE__), declaration, expression)
#define CURATOR_TRY_STATUS(expression)                                                                       \
    do {                                                                                                     \
        auto&& curatorTryStatus_ = (expression);                                                             \
        if (!curatorTryStatus_) {                                                                            \
            return ::curator::Error{curatorTryStatus_.error()};                                              \
        }                                                                                                    \
    } while (false)

#define CURATOR_TRY_CONCAT_INNER_(a, b) a##b
#define CURATOR_TRY_CONCAT_(a, b) CURATOR_TRY_CONCAT_INNER_(a, b)
#define CURATOR_TRY_IMPL_(result, declaration, expression)                                                   \
    auto&& result = (expression);                                                                            \
    if (!result) {                                                                                           \
        return ::curator::Error{result.error()};                                                             \
    }                                                                                                        \
    declaration = std::move(*result)
// NOLINTEND(bugprone-macro-parentheses)
