"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.openInput = openInput;
/**
 * What `trailwatch check` reads: a program directory or a stack export
 * file. Opening an input is cheap and validates it; loading it may run a
 * program, so the pack can start while the program runs.
 */
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const errors_1 = require("../cli/errors");
const program_runner_1 = require("./program-runner");
const stack_export_1 = require("./stack-export");
/** Opens a program directory or a stack export file; fails with exit 2 naming the path. */
function openInput(input, mode, stack) {
    const resolved = path.resolve(input);
    let stat;
    try {
        stat = fs.statSync(resolved);
    }
    catch {
        throw new errors_1.UserError(`${resolved} does not exist (expected a Pulumi program directory or a stack export file)`);
    }
    if (stat.isDirectory()) {
        return (0, program_runner_1.openProgram)(resolved, { mode, stack });
    }
    const graph = (0, stack_export_1.readStackExport)(resolved);
    return { stack: graph.stack, mode: graph.mode, load: () => Promise.resolve(graph) };
}
//# sourceMappingURL=input.js.map