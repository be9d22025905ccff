#!/usr/bin/env bash
# The cost of run-time validation of a typical Order Completed with 3 products (currency
# pattern, minimums, URI formats) in each language: criterion for Rust, a timing loop for
# TypeScript (Node) and Swift (release build). Prints one line per language.
#
#   bench/validation.sh            # all three; Swift needs swiftc (../shared/tools/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/validation-bench
rm -rf "$work" && mkdir -p "$work"

echo "== Rust (criterion)"
cargo bench -q -p tracktype-criterion --bench validation -- --warm-up-time 1 --measurement-time 5 2>/dev/null \
  | grep -E "^validate|time:"

echo "== TypeScript (Node $(node --version))"
ts=$work/ts
mkdir -p "$ts"
cp generated-examples/typescript/mitigate-cart-abandonment/index.ts "$ts/index.ts"
cat > "$ts/bench.ts" <<'TS'
import { validate } from "./index.js";
const products = [1, 2, 3].map((i) => ({
  product_id: `p-${i}`, sku: `SKU-${i}`, name: `Product ${i}`, price: 9.99 * i, quantity: i,
  position: i, url: `https://shop.example.com/products/${i}`,
  image_url: `https://cdn.example.com/products/${i}.jpg`,
}));
const order = { order_id: "o-1", revenue: 59.94, total: 64.94, shipping: 5, currency: "USD", products };
if (validate("Order Completed", order).length !== 0) throw new Error("conforms");
const runs: number[] = [];
for (let r = 0; r < 7; r++) {
  const n = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) validate("Order Completed", order);
  runs.push(Number(process.hrtime.bigint() - start) / n);
}
runs.sort((a, b) => a - b);
console.log(`validate Order Completed: median ${(runs[3]! / 1000).toFixed(2)} µs (7 runs of 200,000)`);
TS
tests/typescript/node_modules/.bin/tsc --ignoreConfig --target es2022 --module esnext \
  --moduleResolution bundler --types node --typeRoots tests/typescript/node_modules/@types --skipLibCheck --outDir "$ts/out" "$ts/index.ts" "$ts/bench.ts"
echo '{"type":"module"}' > "$ts/out/package.json"
node "$ts/out/bench.js"

echo "== Swift (swiftc -O)"
if ! command -v swiftc >/dev/null; then
  echo "swiftc not found: skipped (export PATH=/work/shared/tools/bin:\$PATH)"
  exit 0
fi
sw=$work/swift
mkdir -p "$sw"
cp generated-examples/swift/mitigate-cart-abandonment/Sources/Tracking/*.swift "$sw/"
cat > "$sw/main.swift" <<'SWIFT'
import Foundation

let products = (1...3).map { i in
  Product(
    productId: "p-\(i)", sku: "SKU-\(i)", name: "Product \(i)", price: 9.99 * Double(i),
    quantity: i, position: i, url: "https://shop.example.com/products/\(i)",
    imageUrl: "https://cdn.example.com/products/\(i).jpg")
}
let order = OrderCompleted(
  orderId: "o-1", total: 64.94, revenue: 59.94, shipping: 5, products: products, currency: "USD")
precondition(order.validate().isEmpty)
let json = Validation.json(of: order)
func median(_ n: Int, _ body: () -> Void) -> Double {
  var runs: [Double] = []
  for _ in 0..<7 {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<n { body() }
    runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n))
  }
  return runs.sorted()[3] / 1000
}
var sink = 0
let typed = median(20_000) { sink &+= order.validate().count }
let fromJSON = median(100_000) {
  sink &+= Validation.validate(event: "Order Completed", properties: json).count
}
print(String(format: "validate Order Completed (typed): median %.2f µs", typed))
print(String(format: "validate Order Completed (JSON): median %.2f µs", fromJSON))
print(sink == 0 ? "" : "unexpected violations")
SWIFT
swiftc -O -swift-version 6 -module-name Bench "$sw"/*.swift -o "$sw/bench"
chroot=$(dirname "$(readlink -f "$(command -v swiftc)")")/../swift-chroot
if [ -f "$chroot" ]; then "$chroot" "$sw/bench"; else "$sw/bench"; fi
