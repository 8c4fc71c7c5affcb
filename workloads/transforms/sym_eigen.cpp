#include "transforms/sym_eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace edgesa {

SymEigen sym_eigen(std::vector<double> a, int64_t n) {
    auto A = [&](int64_t i, int64_t j) -> double& { return a[size_t(i * n + j)]; };
    // vt holds the eigenvectors as rows (V transposed), so a rotation updates two contiguous rows
    std::vector<double> vt(size_t(n * n), 0.0);
    auto VT = [&](int64_t i, int64_t j) -> double& { return vt[size_t(i * n + j)]; };
    for (int64_t i = 0; i < n; ++i) VT(i, i) = 1.0;
    double norm = 0;
    for (double x : a) norm += x * x;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j) off += A(i, j) * A(i, j);
        if (off <= 1e-30 * norm || off == 0) break;
        for (int64_t p = 0; p < n; ++p)
            for (int64_t q = p + 1; q < n; ++q) {
                const double apq = A(p, q);
                if (apq == 0) continue;
                // A <- J^T A J with the rotation J (J_pp = J_qq = c, J_pq = s, J_qp = -s) that
                // zeroes A(p, q); A stays symmetric, so rows p and q are updated and mirrored
                const double app = A(p, p), aqq = A(q, q);
                const double theta = (aqq - app) / (2 * apq);
                const double t =
                    (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (int64_t k = 0; k < n; ++k) {
                    if (k == p || k == q) continue;
                    const double akp = A(p, k), akq = A(q, k);
                    A(p, k) = A(k, p) = c * akp - s * akq;
                    A(q, k) = A(k, q) = s * akp + c * akq;
                }
                A(p, p) = c * c * app - 2 * c * s * apq + s * s * aqq;
                A(q, q) = s * s * app + 2 * c * s * apq + c * c * aqq;
                A(p, q) = A(q, p) = 0;
                for (int64_t k = 0; k < n; ++k) {  // V <- V J, on the rows of V^T
                    const double vp = VT(p, k), vq = VT(q, k);
                    VT(p, k) = c * vp - s * vq;
                    VT(q, k) = s * vp + c * vq;
                }
            }
    }
    auto V = [&](int64_t i, int64_t j) { return VT(j, i); };
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t x, int64_t y) { return A(x, x) > A(y, y); });
    SymEigen e;
    e.vectors.assign(size_t(n * n), 0.0);
    for (int64_t j = 0; j < n; ++j) {
        const int64_t src = order[size_t(j)];
        e.values.push_back(A(src, src));
        int64_t big = 0;
        for (int64_t i = 0; i < n; ++i)
            if (std::fabs(V(i, src)) > std::fabs(V(big, src))) big = i;
        const double sign = V(big, src) < 0 ? -1.0 : 1.0;
        for (int64_t i = 0; i < n; ++i) e.vectors[size_t(i * n + j)] = sign * V(i, src);
    }
    return e;
}

}  // namespace edgesa
