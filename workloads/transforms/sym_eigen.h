#pragma once
// Eigen-decomposition of a small dense symmetric matrix by cyclic Jacobi rotations (Golub & Van
// Loan §8.5): slow (O(n^3) per sweep) but short and obviously correct; used by the Tucker
// transform's HOSVD on Gram matrices of at most a few thousand rows.
#include <cstdint>
#include <vector>

namespace edgesa {

struct SymEigen {
    std::vector<double> values;   // descending
    std::vector<double> vectors;  // n x n row-major; column j is the eigenvector of values[j]
};

// `a` is n x n row-major and symmetric. Each eigenvector's largest-magnitude component is positive
// (the first such on ties), so the result is deterministic.
SymEigen sym_eigen(std::vector<double> a, int64_t n);

}  // namespace edgesa
