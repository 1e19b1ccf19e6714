// One HTTP GET for run-brs.js's roUrlTransfer: node:http(s) in a child process, so the synchronous brs
// interpreter can wait for it. argv: url, JSON headers, timeout ms. Prints one JSON line:
// { code, headers (lower-case names), body } or { code: -28 (timeout) / -6 (no connection), failure }.
"use strict";
const [url, headersJson, timeoutText] = process.argv.slice(2);
const headers = JSON.parse(headersJson || "{}");
const timeoutMs = Number(timeoutText) || 30000;
const client = url.startsWith("https:") ? require("node:https") : require("node:http");
const zlib = require("node:zlib");

const request = client.get(url, { headers }, (response) => {
    const chunks = [];
    let stream = response;
    const encoding = String(response.headers["content-encoding"] || "").toLowerCase();
    if (encoding === "gzip") stream = response.pipe(zlib.createGunzip());
    else if (encoding === "br") stream = response.pipe(zlib.createBrotliDecompress());
    else if (encoding === "deflate") stream = response.pipe(zlib.createInflate());
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
        process.stdout.write(JSON.stringify({
            code: response.statusCode,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
        }));
    });
    stream.on("error", (e) => process.stdout.write(JSON.stringify({ code: -6, failure: String(e) })));
});
request.setTimeout(timeoutMs, () => {
    request.destroy();
    process.stdout.write(JSON.stringify({ code: -28, failure: "timeout" }));
    process.exit(0);
});
request.on("error", (e) => {
    if (!request.destroyed || e.code !== "ECONNRESET") process.stdout.write(JSON.stringify({ code: -6, failure: String(e) }));
});
