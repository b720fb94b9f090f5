// The code editor: CodeMirror 6 with Python, JavaScript or TypeScript highlighting, line numbers, the failing line
// underlined and warnings marked at their lines (lint diagnostics), Ctrl/Cmd+Enter to run.
import { indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { python } from "@codemirror/lang-python";
import { indentUnit } from "@codemirror/language";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorSelection } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import type { Mode } from "./runner.js";

export interface Problem {
  readonly line: number;
  readonly severity: "error" | "warning";
  readonly message: string;
}

export interface Editor {
  getCode(): string;
  setCode(code: string): void;
  setMode(mode: Mode): void;
  /** Underlines each problem's line (errors red, warnings amber); an empty list clears them. */
  showProblems(problems: readonly Problem[]): void;
  /** Selects a line and scrolls it into view (the line of an error). */
  selectLine(line: number): void;
}

const languageOf = (mode: Mode) =>
  mode === "python"
    ? [python(), indentUnit.of("    ")]
    : [javascript({ typescript: mode === "typescript" }), indentUnit.of("  ")];

export function createEditor(parent: HTMLElement, onRun: () => void, mode: Mode): Editor {
  const language = new Compartment();
  const view = new EditorView({
    parent,
    extensions: [
      keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }, indentWithTab]),
      basicSetup,
      language.of(languageOf(mode)),
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
    ],
  });
  const lineRange = (line: number) => {
    const doc = view.state.doc;
    const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
    return { from: l.from, to: Math.max(l.to, l.from) };
  };
  return {
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    setMode(next) {
      view.dispatch({ effects: language.reconfigure(languageOf(next)) });
    },
    showProblems(problems) {
      const diagnostics: Diagnostic[] = problems.map((p) => ({
        ...lineRange(p.line),
        severity: p.severity,
        message: p.message,
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    selectLine(line) {
      const { from, to } = lineRange(line);
      view.dispatch({
        selection: EditorSelection.range(from, to),
        effects: EditorView.scrollIntoView(from, { y: "center" }),
      });
      view.focus();
    },
  };
}
