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
