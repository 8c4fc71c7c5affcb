#include "transforms/sym_eigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace edgesa {

SymEigen sym_eigen(std::vector<double> a, int64_t n) {
    auto A = [&](int64_t i, int64_t j) -> double& { return a[size_t(i * n + j)]; };
    std::vector<double> v(size_t(n * n), 0.0);
    auto V = [&](int64_t i, int64_t j) -> double& { return v[size_t(i * n + j)]; };
    for (int64_t i = 0; i < n; ++i) V(i, i) = 1.0;
    double norm = 0;
    for (double x : a) norm += x * x;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = i + 1; j < n; ++j) off += A(i, j) * A(i, j);
        if (off <= 1e-30 * norm || off == 0) break;
        for (int64_t p = 0; p < n; ++p)
            for (int64_t q = p + 1; q < n; ++q) {
                if (A(p, q) == 0) continue;
                // the rotation that zeroes A(p, q)
                const double theta = (A(q, q) - A(p, p)) / (2 * A(p, q));
                const double t =
                    (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (int64_t k = 0; k < n; ++k) {  // A <- A J (columns p, q)
                    const double akp = A(k, p), akq = A(k, q);
                    A(k, p) = c * akp - s * akq;
                    A(k, q) = s * akp + c * akq;
                }
                for (int64_t k = 0; k < n; ++k) {  // A <- J^T A (rows p, q)
                    const double apk = A(p, k), aqk = A(q, k);
                    A(p, k) = c * apk - s * aqk;
                    A(q, k) = s * apk + c * aqk;
                }
                for (int64_t k = 0; k < n; ++k) {  // V <- V J
                    const double vkp = V(k, p), vkq = V(k, q);
                    V(k, p) = c * vkp - s * vkq;
                    V(k, q) = s * vkp + c * vkq;
                }
            }
    }
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
