#!/usr/bin/env node
// Runs BrightScript files in the pinned @rokucommunity/brs interpreter, like its CLI, with the device
// objects the app's plain functions need and brs 0.47.4 lacks:
//   roUrlTransfer / roUrlEvent  real HTTP (http-get.js in a child process per request), so the app's
//                               Http.brs talks to a live TvNews server; SetMessagePort + AsyncGetToString
//                               + Wait(timeout, port) behave as on a device (the event arrives through
//                               the port), GetToString is synchronous.
//   roRegistrySection           an in-memory registry, kept in the JSON file REGISTRY_FILE when set, so
//                               one run can read what an earlier run wrote.
// These are test doubles for device APIs, not the device: see docs/roku-certification.md.
//
//   node run-brs.js --root <pkg root> file1.brs file2.brs ...
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const { execFileSync } = require("node:child_process");
const brs = require("@rokucommunity/brs");
const T = brs.types;

const args = process.argv.slice(2);
let root = process.cwd();
const files = [];
for (let i = 0; i < args.length; i++) {
    if (args[i] === "--root") root = path.resolve(args[++i]);
    else files.push(path.resolve(args[i]));
}

const str = (s) => new T.BrsString(String(s));
const int = (n) => new T.Int32(n);
const bool = (b) => (b ? T.BrsBoolean.True : T.BrsBoolean.False);
const aa = (object) => new T.RoAssociativeArray(Object.entries(object).map(([name, value]) => ({ name: str(name), value: str(value) })));
const method = (name, argKinds, returns, impl) =>
    new T.Callable(name, {
        signature: { args: argKinds.map(([n, k]) => new T.StdlibArgument(n, k)), returns },
        impl: (interpreter, ...values) => impl(...values),
    });
const K = T.ValueKind;

function httpGet(url, headers, timeoutMs) {
    try {
        const out = execFileSync(process.execPath, [path.join(__dirname, "http-get.js"), url, JSON.stringify(headers), String(timeoutMs)], {
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
            timeout: timeoutMs + 5000,
        });
        return JSON.parse(out);
    } catch (e) {
        return { code: -28, failure: String(e.message || e) };
    }
}

class RoUrlEvent extends T.BrsComponent {
    constructor(answer) {
        super("roUrlEvent");
        this.kind = K.Object;
        const headers = {};
        for (const [k, v] of Object.entries(answer.headers || {})) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        this.registerMethods({
            ifUrlEvent: [
                method("GetInt", [], K.Int32, () => int(1)),
                method("GetResponseCode", [], K.Int32, () => int(answer.code)),
                method("GetString", [], K.String, () => str(answer.body || "")),
                method("GetFailureReason", [], K.String, () => str(answer.failure || "")),
                method("GetResponseHeaders", [], K.Object, () => aa(headers)),
            ],
        });
    }
    toString() { return "<Component: roUrlEvent>"; }
    equalTo() { return T.BrsBoolean.False; }
}

class RoUrlTransfer extends T.BrsComponent {
    constructor() {
        super("roUrlTransfer");
        this.kind = K.Object;
        this.url = "";
        this.headers = {};
        this.port = null;
        this.cancelled = false;
        const self = this;
        const noop = (name, argKinds = []) => method(name, argKinds, K.Void, () => T.BrsInvalid.Instance);
        this.registerMethods({
            ifUrlTransfer: [
                method("SetUrl", [["url", K.String]], K.Void, (u) => { self.url = u.value; return T.BrsInvalid.Instance; }),
                method("GetUrl", [], K.String, () => str(self.url)),
                method("AddHeader", [["name", K.String], ["value", K.String]], K.Void, (n, v) => { self.headers[n.value] = v.value; return T.BrsInvalid.Instance; }),
                method("EnableEncodings", [["enable", K.Boolean]], K.Boolean, (e) => { if (e.toBoolean()) self.headers["Accept-Encoding"] = "gzip, deflate"; return T.BrsBoolean.True; }),
                method("RetainBodyOnError", [["retain", K.Boolean]], K.Boolean, () => T.BrsBoolean.True),
                method("SetMessagePort", [["port", K.Object]], K.Void, (p) => { self.port = p; return T.BrsInvalid.Instance; }),
                method("GetToString", [], K.String, () => str(httpGet(self.url, self.headers, 30000).body || "")),
                method("AsyncGetToString", [], K.Boolean, () => {
                    if (!self.port) return T.BrsBoolean.False;
                    self.cancelled = false;
                    // Performed when the interpreter waits on the port, as a device delivers the event there.
                    self.port.pushCallback(() => (self.cancelled ? T.BrsInvalid.Instance : new RoUrlEvent(httpGet(self.url, self.headers, 40000))));
                    return T.BrsBoolean.True;
                }),
                method("AsyncCancel", [], K.Boolean, () => { self.cancelled = true; return T.BrsBoolean.True; }),
            ],
            ifHttpAgent: [
                method("SetCertificatesFile", [["path", K.String]], K.Boolean, () => T.BrsBoolean.True),
                noop("InitClientCertificates"),
            ],
        });
    }
    toString() { return "<Component: roUrlTransfer>"; }
    equalTo() { return T.BrsBoolean.False; }
}

const registryFile = process.env.REGISTRY_FILE;
const registry = registryFile && fs.existsSync(registryFile) ? JSON.parse(fs.readFileSync(registryFile, "utf8")) : {};
const saveRegistry = () => { if (registryFile) fs.writeFileSync(registryFile, JSON.stringify(registry)); };

class RoRegistrySection extends T.BrsComponent {
    constructor(section) {
        super("roRegistrySection");
        this.kind = K.Object;
        const name = section.value;
        const values = (registry[name] = registry[name] || {});
        this.registerMethods({
            ifRegistrySection: [
                method("Read", [["key", K.String]], K.String, (k) => str(values[k.value] ?? "")),
                method("Write", [["key", K.String], ["value", K.String]], K.Boolean, (k, v) => { values[k.value] = v.value; return T.BrsBoolean.True; }),
                method("Delete", [["key", K.String]], K.Boolean, (k) => { const had = k.value in values; delete values[k.value]; return bool(had); }),
                method("Exists", [["key", K.String]], K.Boolean, (k) => bool(k.value in values)),
                method("Flush", [], K.Boolean, () => { saveRegistry(); return T.BrsBoolean.True; }),
                method("GetKeyList", [], K.Object, () => new T.RoList(Object.keys(values).map(str))),
            ],
        });
    }
    toString() { return "<Component: roRegistrySection>"; }
    equalTo() { return T.BrsBoolean.False; }
}

// The third argument is the constructor's parameter count, which CreateObject checks.
T.BrsObjects.set("roUrlTransfer", () => new RoUrlTransfer(), 0);
T.BrsObjects.set("roRegistrySection", (_, section) => new RoRegistrySection(section), 1);

brs.execute(files, { root, componentDirs: [] }).catch((err) => {
    if (err.messages && err.messages.length) err.messages.forEach((m) => console.error(m));
    else console.error(err.message);
    process.exitCode = 1;
});
