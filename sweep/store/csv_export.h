#pragma once
// `edgesa sweep export`: the points table as CSV, one row per point, params and metrics as columns.
#include <string>

namespace edgesa::sweep {

// Returns the CSV text (RFC 4180 quoting); rows in (sweep, seq, point_id) order.
std::string export_csv(const std::string& db_path);

}  // namespace edgesa::sweep
