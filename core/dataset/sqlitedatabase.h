#pragma once

#include "common/result.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>

struct sqlite3;
struct sqlite3_stmt;

namespace curator {

class SqliteDatabase;

// One value bound to a statement parameter: NULL, an integer, a real or text. Text is viewed, not
// copied: bind it within the full expression that made it (execute(sql, {name, id}) does).
class SqlValue {
public:
    enum class Type { Null, Integer, Real, Text, Blob };

    SqlValue(std::nullptr_t) {}
    template <typename Integer, typename = std::enable_if_t<std::is_integral_v<Integer>>>
    SqlValue(Integer value)
        : m_type(Type::Integer)
        , m_integer(int64_t(value)) {}
    SqlValue(double value)
        : m_type(Type::Real)
        , m_real(value) {}
    SqlValue(std::string_view text)
        : m_type(Type::Text)
        , m_text(text) {}
    SqlValue(const std::string& text)
        : SqlValue(std::string_view(text)) {}
    SqlValue(const char* text)
        : SqlValue(std::string_view(text)) {}
    // An empty string binds NULL (optional references such as a parent commit).
    static SqlValue textOrNull(std::string_view text) {
        return text.empty() ? SqlValue(nullptr) : SqlValue(text);
    }
    static SqlValue blob(std::string_view bytes) {
        SqlValue value(bytes);
        value.m_type = Type::Blob;
        return value;
    }

    Type type() const { return m_type; }
    int64_t integer() const { return m_integer; }
    double real() const { return m_real; }
    std::string_view text() const { return m_text; }

private:
    Type m_type = Type::Null;
    int64_t m_integer = 0;
    double m_real = 0.0;
    std::string_view m_text;
};

using SqlBindings = std::initializer_list<SqlValue>;

// One prepared statement, finalized on destruction. bind* indices start at 1, column* indices at 0 (as in
// SQLite). step() returns true while a row is available, false when done; errors come back as a Result.
class SqliteStatement {
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    bool isValid() const { return m_statement != nullptr; }

    void bindNull(int index);
    void bindInt(int index, int64_t value);
    void bindDouble(int index, double value);
    void bindText(int index, std::string_view value);
    void bindBlob(int index, std::string_view bytes);
    // An empty string binds NULL (optional references such as a parent commit).
    void bindTextOrNull(int index, std::string_view value);
    void bind(int index, const SqlValue& value);
    // Binds the values to ?1, ?2, ... in order.
    void bindAll(SqlBindings values);

    Result<bool> step();
    // Steps a statement that returns no rows (INSERT, UPDATE).
    Status run();
    void reset(); // also clears the bindings
    // Steps through every row, calling visit(*this) for each; then resets the statement.
    Status forEachRow(const std::function<void(const SqliteStatement&)>& visit);

    bool isNull(int column) const;
    bool isInteger(int column) const;
    int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const; // "" for NULL
    std::string_view columnTextView(int column) const;
    std::string_view columnBlobView(int column) const; // valid until the next step or reset

private:
    friend class SqliteDatabase;
    SqliteStatement(sqlite3_stmt* statement, sqlite3* database)
        : m_statement(statement)
        , m_database(database) {}

    sqlite3_stmt* m_statement = nullptr;
    sqlite3* m_database = nullptr;
};

// An owned SQLite connection. Messages name the database file and the SQLite error.
class SqliteDatabase {
public:
    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    // Opens (creating when asked) the file; nothing is written to it yet.
    static Result<SqliteDatabase> open(const std::string& path, bool create = true);

    bool isOpen() const { return m_database != nullptr; }
    const std::string& path() const { return m_path; }
    void close();

    Status exec(const std::string& sql);
    Result<SqliteStatement> prepare(const std::string& sql);
    // Prepared with the values bound to ?1, ?2, ...
    Result<SqliteStatement> prepare(const std::string& sql, SqlBindings bindings);
    // Prepares, binds and runs one statement that returns no rows (INSERT, UPDATE): fixed SQL text,
    // values as parameters.
    Status execute(const std::string& sql, SqlBindings bindings = {});
    // The first column of the first row as an integer (0 when there is no row).
    Result<int64_t> queryInt(const std::string& sql, SqlBindings bindings = {});
    // The first column of the first row as text ("" when there is no row).
    Result<std::string> queryText(const std::string& sql, SqlBindings bindings = {});

    // Whether a transaction is open on this connection.
    bool inTransaction() const;
    int64_t lastInsertRowId() const;
    int changes() const;
    std::string lastError() const;
    Status errorStatus(const std::string& what) const;

private:
    sqlite3* m_database = nullptr;
    std::string m_path;
};

// BEGIN IMMEDIATE on construction (the writer lock is taken up front, so a busy database waits for the
// busy timeout instead of failing halfway); ROLLBACK on destruction unless commit() succeeded.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& database);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    // Whether BEGIN succeeded, with its error.
    const Status& began() const { return m_began; }
    Status commit();

private:
    SqliteDatabase& m_database;
    Status m_began;
    bool m_active = false;
};

// A read snapshot (deferred BEGIN ... COMMIT) unless the connection is already inside a transaction:
// several queries see one state while another process commits.
class SqliteReadTransaction {
public:
    explicit SqliteReadTransaction(SqliteDatabase& database);
    ~SqliteReadTransaction();
    SqliteReadTransaction(const SqliteReadTransaction&) = delete;
    SqliteReadTransaction& operator=(const SqliteReadTransaction&) = delete;

    const Status& began() const { return m_began; }

private:
    SqliteDatabase& m_database;
    Status m_began;
    bool m_owned = false;
};

} // namespace curator
