// Where the end-to-end tests save their screenshots: target/screenshots/ (ignored by git), so a
// test run leaves the checkout clean; `UPDATE_SCREENSHOTS=1` writes the committed ones in
// docs/screenshots/ instead (the README shows those).
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

export const shots = resolve(root, process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "target/screenshots");
mkdirSync(shots, { recursive: true });
