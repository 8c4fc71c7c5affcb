// SQLite C API implementation of the sweep result store.
#include "store/result_store.h"

#include <sqlite3.h>

#include <stdexcept>

#include <fmt/format.h>

namespace edgesa::sweep {
namespace {

// Finalizes a prepared statement on scope exit.
struct Stmt {
    sqlite3_stmt* s = nullptr;
    Stmt(sqlite3* db, const std::string& sql) {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db), sql));
    }
    ~Stmt() { sqlite3_finalize(s); }
    void text(int i, const std::string& v) {
        sqlite3_bind_text(s, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT);
    }
    std::string col_text(int i) const {
        const auto* p = sqlite3_column_text(s, i);
        return p ? reinterpret_cast<const char*>(p) : "";
    }
};

std::string quote_ident(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

const std::set<std::string>& fixed_columns() {
    static const std::set<std::string> c = {
        "point_id",       "seq",    "sweep", "workload", "workload_hash", "config_hash",
        "edgesa_version", "status", "error", "wall_s",   "params",        "config"};
    return c;
}

}  // namespace

ResultStore::ResultStore(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error("cannot open results database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec(
        "CREATE TABLE IF NOT EXISTS points (point_id TEXT PRIMARY KEY, seq INTEGER, sweep TEXT, "
        "workload TEXT,"
        " workload_hash TEXT, config_hash TEXT, edgesa_version TEXT, status TEXT, error TEXT, "
        "wall_s REAL,"
        " params TEXT, config TEXT)");
    exec(
        "CREATE TABLE IF NOT EXISTS layers (point_id TEXT, idx INTEGER, name TEXT, type TEXT, "
        "device INTEGER,"
        " cycles INTEGER, macs INTEGER, utilization REAL, energy_pj REAL, PRIMARY KEY (point_id, "
        "idx))");
    Stmt st(db_, "PRAGMA table_info(points)");
    while (sqlite3_step(st.s) == SQLITE_ROW) columns_.insert(st.col_text(1));
}

ResultStore::~ResultStore() {
    sqlite3_close(db_);
}

void ResultStore::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(fmt::format("sqlite ({}): {}: {}", path_, msg, sql));
    }
}

void ResultStore::ensure_metric_column(const std::string& name) {
    if (columns_.count(name)) return;
    if (fixed_columns().count(name))
        throw std::runtime_error("metric name clashes with a column: " + name);
    exec("ALTER TABLE points ADD COLUMN " + quote_ident(name) + " REAL");
    columns_.insert(name);
}

bool ResultStore::insert(const PointResult& r) {
    exec("BEGIN IMMEDIATE");
    try {
        {
            Stmt q(db_, "SELECT status FROM points WHERE point_id = ?");
            q.text(1, r.point_id);
            if (sqlite3_step(q.s) == SQLITE_ROW) {
                const std::string old = q.col_text(0);
                if (old == "ok" || r.status != "ok") {
                    exec("ROLLBACK");
                    return false;
                }
            }
        }
        for (const auto& m : r.metrics) ensure_metric_column(m.first);
        exec("DELETE FROM points WHERE point_id = " + fmt::format("'{}'", r.point_id));
        exec("DELETE FROM layers WHERE point_id = " + fmt::format("'{}'", r.point_id));
        std::string cols =
            "point_id, seq, sweep, workload, workload_hash, config_hash, edgesa_version, status, "
            "error,"
            " wall_s, params, config";
        std::string marks = "?,?,?,?,?,?,?,?,?,?,?,?";
        for (const auto& m : r.metrics) {
            cols += ", " + quote_ident(m.first);
            marks += ",?";
        }
        Stmt ins(db_, "INSERT INTO points (" + cols + ") VALUES (" + marks + ")");
        ins.text(1, r.point_id);
        sqlite3_bind_int64(ins.s, 2, r.seq);
        ins.text(3, r.sweep);
        ins.text(4, r.workload);
        ins.text(5, r.workload_hash);
        ins.text(6, r.config_hash);
        ins.text(7, r.edgesa_version);
        ins.text(8, r.status);
        ins.text(9, r.error);
        sqlite3_bind_double(ins.s, 10, r.wall_s);
        ins.text(11, r.params);
        ins.text(12, r.config);
        for (size_t i = 0; i < r.metrics.size(); ++i)
            sqlite3_bind_double(ins.s, int(13 + i), r.metrics[i].second);
        if (sqlite3_step(ins.s) != SQLITE_DONE)
            throw std::runtime_error(std::string("sqlite insert: ") + sqlite3_errmsg(db_));
        Stmt lay(db_, "INSERT INTO layers VALUES (?,?,?,?,?,?,?,?,?)");
        for (size_t i = 0; i < r.layers.size(); ++i) {
            const LayerRow& l = r.layers[i];
            sqlite3_reset(lay.s);
            lay.text(1, r.point_id);
            sqlite3_bind_int64(lay.s, 2, int64_t(i));
            lay.text(3, l.name);
            lay.text(4, l.type);
            sqlite3_bind_int64(lay.s, 5, l.device);
            sqlite3_bind_int64(lay.s, 6, l.cycles);
            sqlite3_bind_int64(lay.s, 7, l.macs);
            sqlite3_bind_double(lay.s, 8, l.utilization);
            sqlite3_bind_double(lay.s, 9, l.energy_pj);
            if (sqlite3_step(lay.s) != SQLITE_DONE)
                throw std::runtime_error(std::string("sqlite layers: ") + sqlite3_errmsg(db_));
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return true;
}

bool ResultStore::has(const std::string& point_id) const {
    Stmt q(db_, "SELECT 1 FROM points WHERE point_id = ?");
    q.text(1, point_id);
    return sqlite3_step(q.s) == SQLITE_ROW;
}

std::set<std::string> ResultStore::finished_ids() const {
    std::set<std::string> ids;
    Stmt q(db_, "SELECT point_id FROM points");
    while (sqlite3_step(q.s) == SQLITE_ROW) ids.insert(q.col_text(0));
    return ids;
}

std::set<std::string> ResultStore::ok_ids() const {
    std::set<std::string> ids;
    Stmt q(db_, "SELECT point_id FROM points WHERE status = 'ok'");
    while (sqlite3_step(q.s) == SQLITE_ROW) ids.insert(q.col_text(0));
    return ids;
}

std::vector<std::string> ResultStore::metric_columns() const {
    std::vector<std::string> out;
    Stmt st(db_, "PRAGMA table_info(points)");
    while (sqlite3_step(st.s) == SQLITE_ROW) {
        const std::string c = st.col_text(1);
        if (!fixed_columns().count(c)) out.push_back(c);
    }
    return out;
}

std::vector<PointResult> ResultStore::load_all(bool with_layers) const {
    const std::vector<std::string> metrics = metric_columns();
    std::string sql =
        "SELECT point_id, seq, sweep, workload, workload_hash, config_hash, edgesa_version, status,"
        " error, wall_s, params, config";
    for (const auto& m : metrics) sql += ", " + quote_ident(m);
    sql += " FROM points ORDER BY sweep, seq, point_id";
    std::vector<PointResult> out;
    Stmt q(db_, sql);
    while (sqlite3_step(q.s) == SQLITE_ROW) {
        PointResult r;
        r.point_id = q.col_text(0);
        r.seq = sqlite3_column_int64(q.s, 1);
        r.sweep = q.col_text(2);
        r.workload = q.col_text(3);
        r.workload_hash = q.col_text(4);
        r.config_hash = q.col_text(5);
        r.edgesa_version = q.col_text(6);
        r.status = q.col_text(7);
        r.error = q.col_text(8);
        r.wall_s = sqlite3_column_double(q.s, 9);
        r.params = q.col_text(10);
        r.config = q.col_text(11);
        for (size_t i = 0; i < metrics.size(); ++i)
            if (sqlite3_column_type(q.s, int(12 + i)) != SQLITE_NULL)
                r.metrics.emplace_back(metrics[i], sqlite3_column_double(q.s, int(12 + i)));
        out.push_back(std::move(r));
    }
    if (with_layers)
        for (auto& r : out) {
            Stmt l(db_,
                   "SELECT name, type, device, cycles, macs, utilization, energy_pj FROM layers "
                   "WHERE point_id = ? ORDER BY idx");
            l.text(1, r.point_id);
            while (sqlite3_step(l.s) == SQLITE_ROW)
                r.layers.push_back({l.col_text(0), l.col_text(1), sqlite3_column_int64(l.s, 2),
                                    sqlite3_column_int64(l.s, 3), sqlite3_column_int64(l.s, 4),
                                    sqlite3_column_double(l.s, 5), sqlite3_column_double(l.s, 6)});
        }
    return out;
}

}  // namespace edgesa::sweep
