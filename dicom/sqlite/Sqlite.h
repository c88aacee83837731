#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace nbra::dicom::sqlite {

// Any SQLite failure, with the statement or file it concerns.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

// One connection. Not shared between threads: each thread opens its own (WAL mode lets a
// reader and a writer work at once).
class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // A statement prepared once per connection and reused (reset, bindings cleared): for the
  // statements an import runs for every file.
  Statement& cached(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  int changes() const;
  const std::string& path() const { return path_; }

 private:
  friend class Statement;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// A prepared statement with 1-based bind() and 0-based column getters.
class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bindNull(int index);

  // Advances to the next row; false when done. Throws on error.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool isNull(int column) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// Commits on commit(), rolls back if destroyed first (an exception unwinding a batch).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace nbra::dicom::sqlite
