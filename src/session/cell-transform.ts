// Turns a cell into one script that runs over the session's scope: top-level declarations become
// assignments to names of that scope (so they persist, and a later cell may redeclare them),
// imports become awaited `__jacobi.import(...)` calls, the last expression statement is returned as
// the cell's value, and the whole body runs in an arrow function (async when it awaits), which is
// what lets `using` dispose at the end of the cell and top-level `await` work.
import type { TS } from './typescript.js';
import { HELPER, isStatementLike, operatorRewriter } from './operators.js';

/** The parameter naming the session's scope object in a compiled cell (see compile.ts). */
export const SCOPE = '__jacobi_scope';

export interface CellShape {
  /** Names the cell assigns in the session's scope (declared there before the script runs). */
  globals: string[];
  /** Enum and namespace names: local to the cell's function, then copied to the session's scope. */
  exported: string[];
  /** The body awaits (top-level await, imports, `await using`, `for await`). */
  isAsync: boolean;
  /** The last statement is an expression: its value is the cell's value. */
  hasValue: boolean;
}

export function cellTransformer(ts: typeof TS, shape: CellShape): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (sourceFile) => {
    const f = context.factory;
    const rewrite = operatorRewriter(ts, context, sourceFile.text);
    const hoisted: TS.Statement[] = [];
    const body: TS.Statement[] = [];
    const globals = new Set<string>();
    let imports = 0;
    let isAsync = false;

    const helper = (name: string) => f.createPropertyAccessExpression(f.createIdentifier(HELPER), name);
    const assign = (target: TS.Expression, value: TS.Expression, original: TS.Node): TS.Statement =>
      ts.setTextRange(f.createExpressionStatement(ts.setTextRange(f.createAssignment(target, value), original)), original);
    const hasModifier = (node: TS.Node, kind: TS.SyntaxKind) =>
      ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
    const runtimeModifiers = (node: TS.Node) =>
      (ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : []).filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword);

    const bindingTarget = (name: TS.BindingName): TS.Expression => {
      if (ts.isIdentifier(name)) {
        globals.add(name.text);
        return f.createIdentifier(name.text);
      }
      if (ts.isObjectBindingPattern(name)) {
        return f.createObjectLiteralExpression(name.elements.map((e): TS.ObjectLiteralElementLike => {
          const target = bindingTarget(e.name);
          if (e.dotDotDotToken) return f.createSpreadAssignment(target);
          if (!e.propertyName && ts.isIdentifier(e.name)) return f.createShorthandPropertyAssignment(e.name.text, e.initializer);
          const value = e.initializer ? f.createAssignment(target, e.initializer) : target;
          return f.createPropertyAssignment(e.propertyName ?? (e.name as TS.Identifier).text, value);
        }));
      }
      return f.createArrayLiteralExpression(name.elements.map((e) => {
        if (ts.isOmittedExpression(e)) return f.createOmittedExpression();
        const target = bindingTarget(e.name);
        if (e.dotDotDotToken) return f.createSpreadElement(target);
        return e.initializer ? f.createAssignment(target, e.initializer) : target;
      }));
    };

    const importModule = (specifier: TS.Expression): TS.Expression => {
      isAsync = true;
      return f.createAwaitExpression(f.createCallExpression(helper('import'), undefined, [specifier]));
    };

    const statements = sourceFile.statements.map((s) => rewrite(s) as TS.Statement);
    const last = statements.length - 1;
    statements.forEach((statement, index) => {
      if (containsAwait(ts, statement)) isAsync = true;
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (!clause) {
          body.push(ts.setTextRange(f.createExpressionStatement(importModule(statement.moduleSpecifier)), statement));
          return;
        }
        if (clause.isTypeOnly) return;
        const named = clause.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.filter((e) => !e.isTypeOnly) : [];
        const ns = clause.namedBindings && ts.isNamespaceImport(clause.namedBindings) ? clause.namedBindings.name : undefined;
        if (!clause.name && !ns && named.length === 0) return; // only types
        const local = f.createUniqueName(`${HELPER}_module${imports++}`);
        body.push(ts.setTextRange(f.createVariableStatement(undefined, f.createVariableDeclarationList(
          [f.createVariableDeclaration(local, undefined, undefined, importModule(statement.moduleSpecifier))], ts.NodeFlags.Const)), statement));
        if (clause.name) {
          globals.add(clause.name.text);
          body.push(assign(f.createIdentifier(clause.name.text), f.createPropertyAccessExpression(local, 'default'), statement));
        }
        if (ns) {
          globals.add(ns.text);
          body.push(assign(f.createIdentifier(ns.text), local, statement));
        }
        for (const e of named) {
          globals.add(e.name.text);
          const imported = e.propertyName ?? e.name;
          const read = ts.isIdentifier(imported) ? f.createPropertyAccessExpression(local, imported.text) : f.createElementAccessExpression(local, imported);
          body.push(assign(f.createIdentifier(e.name.text), read, e));
        }
        return;
      }
      if (ts.isImportEqualsDeclaration(statement)) {
        if (statement.isTypeOnly) return;
        globals.add(statement.name.text);
        const ref = statement.moduleReference;
        const value = ts.isExternalModuleReference(ref)
          ? f.createCallExpression(f.createIdentifier('require'), undefined, [ref.expression])
          : entityToExpression(ts, f, ref);
        body.push(assign(f.createIdentifier(statement.name.text), value, statement));
        return;
      }
      if (ts.isExportDeclaration(statement)) return;
      if (ts.isExportAssignment(statement)) {
        body.push(ts.setTextRange(f.createExpressionStatement(statement.expression), statement));
        return;
      }
      if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return;
      if (ts.isVariableStatement(statement)) {
        const list = statement.declarationList;
        if (list.flags & ts.NodeFlags.Using) {
          // Disposed at the end of the cell, but the name stays bound afterwards, as Python's
          // `with X as acc:` leaves `acc` (a ForwardAccumulator's jvp() works after its context).
          body.push(f.updateVariableStatement(statement, undefined, list));
          for (const d of list.declarations) {
            if (!ts.isIdentifier(d.name)) continue;
            const global = f.createElementAccessExpression(f.createIdentifier(SCOPE), f.createStringLiteral(d.name.text));
            body.push(assign(global, f.createIdentifier(d.name.text), d));
          }
          return;
        }
        const isVar = (list.flags & ts.NodeFlags.BlockScoped) === 0;
        for (const d of list.declarations) {
          if (!d.initializer && isVar) {
            for (const n of boundNames(ts, d.name)) globals.add(n);
            continue;
          }
          body.push(assign(bindingTarget(d.name), d.initializer ?? f.createVoidZero(), d));
        }
        return;
      }
      if (ts.isFunctionDeclaration(statement)) {
        if (!statement.body || !statement.name) return; // an overload signature
        globals.add(statement.name.text);
        const fn = f.createFunctionExpression(runtimeModifiers(statement), statement.asteriskToken, statement.name.text,
          statement.typeParameters, statement.parameters, statement.type, statement.body);
        // Function declarations are hoisted: callable from anywhere in the cell.
        hoisted.push(assign(f.createIdentifier(statement.name.text), ts.setTextRange(fn, statement), statement));
        return;
      }
      if (ts.isClassDeclaration(statement) && statement.name) {
        globals.add(statement.name.text);
        const cls = f.createClassExpression(undefined, statement.name.text, statement.typeParameters,
          statement.heritageClauses, statement.members);
        body.push(assign(f.createIdentifier(statement.name.text), ts.setTextRange(cls, statement), statement));
        return;
      }
      if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
        const stripped = ts.isEnumDeclaration(statement)
          ? f.updateEnumDeclaration(statement, (ts.getModifiers(statement) ?? []).filter((m) => m.kind === ts.SyntaxKind.ConstKeyword), statement.name, statement.members)
          : f.updateModuleDeclaration(statement, undefined, statement.name, statement.body);
        body.push(stripped);
        shape.exported.push(statement.name.text);
        const global = f.createElementAccessExpression(f.createIdentifier(SCOPE), f.createStringLiteral(statement.name.text));
        body.push(assign(global, f.createIdentifier(statement.name.text), statement));
        return;
      }
      // An assignment as the last statement shows nothing, as Python's assignment statements do.
      const original = sourceFile.statements[index];
      if (index === last && ts.isExpressionStatement(statement) && !(ts.isExpressionStatement(original) && isStatementLike(ts, original.expression))) {
        shape.hasValue = true;
        body.push(ts.setTextRange(f.createReturnStatement(statement.expression), statement));
        return;
      }
      body.push(statement);
    });

    shape.globals = [...globals];
    shape.isAsync = isAsync;
    const fn = f.createArrowFunction(isAsync ? [f.createModifier(ts.SyntaxKind.AsyncKeyword)] : undefined, undefined, [], undefined,
      undefined, f.createBlock([...hoisted, ...body], true));
    // compile.ts wraps the emitted script in a function over the session's scope, which returns this.
    const run = f.createReturnStatement(f.createCallExpression(f.createParenthesizedExpression(fn), undefined, []));
    return f.updateSourceFile(sourceFile, [run]);
  };
}

function entityToExpression(ts: typeof TS, f: TS.NodeFactory, name: TS.EntityName): TS.Expression {
  return ts.isIdentifier(name) ? f.createIdentifier(name.text) : f.createPropertyAccessExpression(entityToExpression(ts, f, name.left), name.right.text);
}

export function boundNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const e of name.elements) if (!ts.isOmittedExpression(e)) out.push(...boundNames(ts, e.name));
  return out;
}

/** Whether a top-level statement awaits outside any nested function. */
export function containsAwait(ts: typeof TS, node: TS.Node): boolean {
  if (ts.isAwaitExpression(node)) return true;
  if (ts.isForOfStatement(node) && node.awaitModifier) return true;
  if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) return true;
  if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return false;
  return ts.forEachChild(node, (child) => (containsAwait(ts, child) ? true : undefined)) ?? false;
}
