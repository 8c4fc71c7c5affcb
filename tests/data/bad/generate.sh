#!/usr/bin/env bash
# Makes the corpus inputs too large or too regular to check in (MANIFEST names them gen/...).
# Run in the scratch copy of tests/data/bad; needs only bash and python3.
set -euo pipefail
mkdir -p gen out
python3 - <<'PY'
import os
g = 'gen/'
def w(name, text):
    with open(g + name, 'w') as f:
        f.write(text)
digits = '0' * 30000
w('deep_flow.yaml', 'array: ' + '[' * 10000 + ']' * 10000 + '\n')
w('deep_block.yaml', ''.join('  ' * i + f'k{i}:\n' for i in range(100)) + '  ' * 100 + 'v: 1\n')
w('long_line.yaml', 'name: ' + 'x' * 100000 + '\n')
w('huge_format.yaml', 'array:\n  rows: 8\n  width: 8\ncompute:\n  type: e' + digits + 'm3b7\n')
with open(g + 'big.yaml', 'w') as f:  # 17 MiB, sparse
    f.truncate(17 << 20)
hdr = 'edgesa_trace: 1\nname: t\ninput: {shape: [3, 8, 8]}\nlayers:\n'
w('many_layers.yaml', hdr + ''.join(f'  - {{name: a{i}, type: activation, function: relu, inputs: [input]}}\n'
                                    for i in range(100001)))
w('huge_weight_format.yaml', hdr + '  - {name: c, type: conv2d, inputs: [input], filters: 4, kernel: 3, weight_format: e'
  + digits + 'm3b7}\n')
w('deep_trace.yaml', hdr + '  - {name: c, type: conv2d, inputs: ' + '[' * 5000 + ']' * 5000 + '}\n')
spec = 'base_config: ../good.yaml\nworkloads:\n  - zoo: lenet5\naxes:\n  - param: array.rows\n    values: [8]\nconstraints:\n  - "'
w('deep_parens.yaml', spec + '(' * 7000 + 'rows' + ')' * 7000 + ' > 0"\n')
w('long_sum.yaml', spec + ' + '.join(['rows'] * 60000) + ' > 0"\n')
w('many_minus.yaml', spec + '-' * 300000 + 'rows < 0"\n')
w('bigger_expr.yaml', spec + ' + '.join(['1'] * 3000) + ' > 0"\n')
w('parens_100.yaml', spec + '(' * 100 + 'rows' + ')' * 100 + ' > 0"\n')
w('minus_100.yaml', spec + '-' * 100 + 'rows < 0"\n')
w('sum_2048.yaml', spec + '+'.join(['1'] * 2048) + '"\n')
h = "{'descr': '" + 'x' * 30000 + "', 'fortran_order': False, 'shape': (1,), }"
b = h.encode()
with open(g + 'huge_descr.npy', 'wb') as f:
    f.write(b'\x93NUMPY\x01\x00' + len(b).to_bytes(2, 'little') + b + b'\0\0\0\0')
PY
