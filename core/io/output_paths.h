#pragma once
// Output files never alias inputs and never appear half-written.
//  - check_output_path refuses an output that resolves to one of the command's inputs (or to
//    another of its outputs), a directory, or a path the system cannot hold (exit 2);
//  - PendingOutputs hands out temporary siblings ("out.json.tmp.<pid>") and renames them all into
//    place in commit(); when the command fails first, its destructor removes every temporary, so
//    a failed command leaves nothing behind and an existing file keeps its old contents.
#include <string>
#include <utility>
#include <vector>

namespace edgesa {

// Throws InputError naming `flag` when `out` may not be written (see above).
void check_output_path(const std::string& out, const std::string& flag,
                       const std::vector<std::string>& inputs);

class PendingOutputs {
  public:
    explicit PendingOutputs(std::vector<std::string> inputs) : inputs_(std::move(inputs)) {}
    PendingOutputs(const PendingOutputs&) = delete;
    PendingOutputs& operator=(const PendingOutputs&) = delete;
    ~PendingOutputs();

    // Registers `path` (given with option `flag`) after check_output_path against the inputs and
    // the outputs so far; returns the temporary path to write instead. `suffix` is kept at the end
    // of the temporary name for writers that append their own extension (".vcd").
    std::string add(const std::string& path, const std::string& flag,
                    const std::string& suffix = "");
    // Writes `contents` to the temporary of a registered `path`.
    void write(const std::string& path, const std::string& contents);
    // Renames every temporary that exists into place. Throws std::runtime_error naming the path.
    void commit();

  private:
    struct Entry {
        std::string final_path, temp_path;
    };
    std::vector<std::string> inputs_;
    std::vector<Entry> entries_;
    bool committed_ = false;
};

}  // namespace edgesa
