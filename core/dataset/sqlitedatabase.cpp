#include "dataset/sqlitedatabase.h"

#include <sqlite3.h>

#include <utility>

namespace curator {

SqliteStatement::~SqliteStatement() {
    if (m_statement) {
        sqlite3_finalize(m_statement);
    }
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr))
    , m_database(other.m_database) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
    if (this != &other) {
        if (m_statement) {
            sqlite3_finalize(m_statement);
        }
        m_statement = std::exchange(other.m_statement, nullptr);
        m_database = other.m_database;
    }
    return *this;
}

void SqliteStatement::bindNull(int index) {
    sqlite3_bind_null(m_statement, index);
}

void SqliteStatement::bindInt(int index, int64_t value) {
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bindDouble(int index, double value) {
    sqlite3_bind_double(m_statement, index, value);
}

void SqliteStatement::bindText(int index, std::string_view value) {
    sqlite3_bind_text64(m_statement, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void SqliteStatement::bindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

void SqliteStatement::bindTextOrNull(int index, std::string_view value) {
    if (value.empty()) {
        bindNull(index);
    } else {
        bindText(index, value);
    }
}

void SqliteStatement::bind(int index, const SqlValue& value) {
    switch (value.type()) {
    case SqlValue::Type::Null:
        bindNull(index);
        break;
    case SqlValue::Type::Integer:
        bindInt(index, value.integer());
        break;
    case SqlValue::Type::Real:
        bindDouble(index, value.real());
        break;
    case SqlValue::Type::Text:
        bindText(index, value.text());
        break;
    case SqlValue::Type::Blob:
        bindBlob(index, value.text());
        break;
    }
}

void SqliteStatement::bindAll(SqlBindings values) {
    int index = 1;
    for (const SqlValue& value : values) {
        bind(index++, value);
    }
}

Status SqliteStatement::forEachRow(const std::function<void(const SqliteStatement&)>& visit) {
    while (true) {
        Result<bool> row = step();
        if (!row) {
            sqlite3_reset(m_statement);
            return row.takeError();
        }
        if (!*row) {
            break;
        }
        visit(*this);
    }
    sqlite3_reset(m_statement);
    return {};
}

Result<bool> SqliteStatement::step() {
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) {
        return true;
    }
    if (code == SQLITE_DONE) {
        return false;
    }
    return makeError(std::string("database error: ") + sqlite3_errmsg(m_database) +
                     " (in: " + sqlite3_sql(m_statement) + ")");
}

Status SqliteStatement::run() {
    Result<bool> stepped = step();
    sqlite3_reset(m_statement);
    if (!stepped) {
        return stepped.takeError();
    }
    return {};
}

void SqliteStatement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::isNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

bool SqliteStatement::isInteger(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_INTEGER;
}

int64_t SqliteStatement::columnInt(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

double SqliteStatement::columnDouble(int column) const {
    return sqlite3_column_double(m_statement, column);
}

std::string SqliteStatement::columnText(int column) const {
    return std::string(columnTextView(column));
}

std::string_view SqliteStatement::columnTextView(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    if (!text) {
        return {};
    }
    return std::string_view(text, size_t(sqlite3_column_bytes(m_statement, column)));
}

std::string_view SqliteStatement::columnBlobView(int column) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(m_statement, column));
    if (!bytes) {
        return {};
    }
    return std::string_view(bytes, size_t(sqlite3_column_bytes(m_statement, column)));
}

SqliteDatabase::~SqliteDatabase() {
    close();
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : m_database(std::exchange(other.m_database, nullptr))
    , m_path(std::move(other.m_path)) {}

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept {
    if (this != &other) {
        close();
        m_database = std::exchange(other.m_database, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Result<SqliteDatabase> SqliteDatabase::open(const std::string& path, bool create) {
    SqliteDatabase database;
    database.m_path = path;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(path.c_str(), &database.m_database, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string message =
            database.m_database ? sqlite3_errmsg(database.m_database) : sqlite3_errstr(code);
        return makeError(path + ": cannot open the database: " + message);
    }
    sqlite3_extended_result_codes(database.m_database, 1);
    return database;
}

void SqliteDatabase::close() {
    if (m_database) {
        sqlite3_close_v2(m_database);
        m_database = nullptr;
    }
}

std::string SqliteDatabase::lastError() const {
    return m_database ? sqlite3_errmsg(m_database) : "database not open";
}

Status SqliteDatabase::errorStatus(const std::string& what) const {
    return makeError(m_path + ": " + what + ": " + lastError());
}

Status SqliteDatabase::exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_database, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : lastError();
        sqlite3_free(message);
        return makeError(m_path + ": " + text);
    }
    return {};
}

Result<SqliteStatement> SqliteDatabase::prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_database, sql.c_str(), int(sql.size()), &statement, nullptr) != SQLITE_OK) {
        return makeError(m_path + ": " + lastError() + " (in: " + sql + ")");
    }
    return SqliteStatement(statement, m_database);
}

Result<SqliteStatement> SqliteDatabase::prepare(const std::string& sql, SqlBindings bindings) {
    Result<SqliteStatement> statement = prepare(sql);
    if (statement) {
        statement->bindAll(bindings);
    }
    return statement;
}

Status SqliteDatabase::execute(const std::string& sql, SqlBindings bindings) {
    CURATOR_TRY(SqliteStatement statement, prepare(sql, bindings));
    return statement.run();
}

Result<int64_t> SqliteDatabase::queryInt(const std::string& sql, SqlBindings bindings) {
    CURATOR_TRY(SqliteStatement statement, prepare(sql, bindings));
    Result<bool> row = statement.step();
    if (!row) {
        return makeError(m_path + ": " + row.error());
    }
    return *row ? statement.columnInt(0) : int64_t(0);
}

Result<std::string> SqliteDatabase::queryText(const std::string& sql, SqlBindings bindings) {
    CURATOR_TRY(SqliteStatement statement, prepare(sql, bindings));
    Result<bool> row = statement.step();
    if (!row) {
        return makeError(m_path + ": " + row.error());
    }
    return *row ? statement.columnText(0) : std::string();
}

bool SqliteDatabase::inTransaction() const {
    return m_database && sqlite3_get_autocommit(m_database) == 0;
}

int64_t SqliteDatabase::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_database);
}

int SqliteDatabase::changes() const {
    return sqlite3_changes(m_database);
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& database)
    : m_database(database) {
    m_began = m_database.exec("BEGIN IMMEDIATE");
    m_active = m_began.ok();
}

SqliteTransaction::~SqliteTransaction() {
    if (m_active) {
        (void)m_database.exec("ROLLBACK");
    }
}

Status SqliteTransaction::commit() {
    if (!m_active) {
        return makeError(m_database.path() + ": no open transaction to commit");
    }
    Status status = m_database.exec("COMMIT");
    if (status) {
        m_active = false;
    }
    return status;
}

SqliteReadTransaction::SqliteReadTransaction(SqliteDatabase& database)
    : m_database(database) {
    if (!m_database.inTransaction()) {
        m_began = m_database.exec("BEGIN");
        m_owned = m_began.ok();
    }
}

SqliteReadTransaction::~SqliteReadTransaction() {
    if (m_owned) {
        (void)m_database.exec("COMMIT");
    }
}

} // namespace curator
