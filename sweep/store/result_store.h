#pragma once
// The SQLite results database of a sweep: one row per point in `points` (identity, status, wall
// time, params, resolved config, and one REAL column per metric), per-layer rows in `layers`.
// WAL mode with synchronous=FULL, and each point commits in its own transaction, so a killed
// driver or a power cut loses at most the point being written, never a finished one.
#include <set>
#include <string>
#include <vector>

#include "run/point_result.h"

struct sqlite3;

namespace edgesa::sweep {

class ResultStore {
  public:
    explicit ResultStore(const std::string& path);  // creates the file and schema when missing
    ~ResultStore();
    ResultStore(const ResultStore&) = delete;
    ResultStore& operator=(const ResultStore&) = delete;

    // Inserts a point unless its id is already stored with status ok (an ok result replaces an
    // earlier failure). Returns true when the database changed. Idempotent.
    bool insert(const PointResult& r);
    bool has(const std::string& point_id) const;
    std::set<std::string> finished_ids() const;
    std::set<std::string> ok_ids() const;  // points stored with status ok
    // All points ordered by (sweep, seq, point_id), metrics filled in; layers when asked.
    std::vector<PointResult> load_all(bool with_layers) const;
    std::vector<std::string> metric_columns() const;
    const std::string& path() const { return path_; }

  private:
    void exec(const std::string& sql) const;
    void ensure_metric_column(const std::string& name);

    std::string path_;
    sqlite3* db_ = nullptr;
    std::set<std::string> columns_;
};

}  // namespace edgesa::sweep
