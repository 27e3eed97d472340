// The cell dialect's rewrite, which gives cells Python's semantics where the facades are concerned:
// arithmetic, comparisons, `==`/`!=`, bitwise operators and element access on tensors become calls
// of src/api/operators.ts (through the `__jacobi` helper object in the cell's scope); conditions
// (`if`, `while`, `?:`, `!`, `&&`, `||`) use Python's truth; `x[i] = v` and `a += b` assign as NumPy
// and PyTorch do; float literals with integral values (`2.0`, `1e3`) stay Python floats; template
// literals format values as f-strings do. Every other value keeps its JavaScript meaning.
import type { TS } from './typescript.js';

export const HELPER = '__jacobi';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const BINARY: ReadonlyMap<number, string> = new Map();
const COMPOUND: ReadonlyMap<number, string> = new Map();
const EQUALITY: ReadonlyMap<number, [strict: boolean, negate: boolean]> = new Map();

function tables(ts: typeof TS): void {
  if (BINARY.size) return;
  const k = ts.SyntaxKind;
  const b = BINARY as Map<number, string>;
  b.set(k.PlusToken, '+').set(k.MinusToken, '-').set(k.AsteriskToken, '*').set(k.SlashToken, '/');
  b.set(k.AsteriskAsteriskToken, '**').set(k.PercentToken, '%');
  b.set(k.LessThanToken, '<').set(k.LessThanEqualsToken, '<=').set(k.GreaterThanToken, '>').set(k.GreaterThanEqualsToken, '>=');
  b.set(k.AmpersandToken, '&').set(k.BarToken, '|').set(k.CaretToken, '^');
  b.set(k.LessThanLessThanToken, '<<').set(k.GreaterThanGreaterThanToken, '>>');
  const c = COMPOUND as Map<number, string>;
  c.set(k.PlusEqualsToken, '+').set(k.MinusEqualsToken, '-').set(k.AsteriskEqualsToken, '*').set(k.SlashEqualsToken, '/');
  c.set(k.AsteriskAsteriskEqualsToken, '**').set(k.PercentEqualsToken, '%');
  c.set(k.AmpersandEqualsToken, '&').set(k.BarEqualsToken, '|').set(k.CaretEqualsToken, '^');
  c.set(k.LessThanLessThanEqualsToken, '<<').set(k.GreaterThanGreaterThanEqualsToken, '>>');
  const e = EQUALITY as Map<number, [boolean, boolean]>;
  e.set(k.EqualsEqualsToken, [false, false]).set(k.EqualsEqualsEqualsToken, [true, false]);
  e.set(k.ExclamationEqualsToken, [false, true]).set(k.ExclamationEqualsEqualsToken, [true, true]);
}

/** JavaScript constructors that must get plain numbers (`new Array(3.0)` is an array of length 3). */
const PLAIN_NUMBER_CONSTRUCTORS = /^(Array|ArrayBuffer|SharedArrayBuffer|DataView|Date|(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array)$/;

/** A numeric literal written as a float (`2.0`, `2.`, `1e3`) whose value is an integer: Python's float, not int. */
export function isIntegralFloatLiteral(text: string): boolean {
  if (/^0[xXoObB]/.test(text) || text.endsWith('n')) return false;
  if (!/[.eE]/.test(text)) return false;
  return Number.isInteger(Number(text.replace(/_/g, '')));
}

/** A visitor that rewrites operators in an expression tree (and everything nested in it). */
export function operatorRewriter(ts: typeof TS, context: TS.TransformationContext, sourceText = ''): (node: TS.Node) => TS.Node {
  tables(ts);
  const f = context.factory;

  const helperCall = (name: string, args: TS.Expression[], original: TS.Node): TS.Expression => {
    const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(HELPER), name), undefined, args);
    return ts.setTextRange(call, original);
  };
  const thunk = (e: TS.Expression): TS.Expression => f.createArrowFunction(undefined, undefined, [], undefined, undefined, e);

  /** Literal-only arithmetic on integers cannot involve a tensor or a Python float: it stays plain (and fast). */
  const isNumeric = (e: TS.Expression): boolean => {
    const inner = skipParens(ts, e);
    if (ts.isNumericLiteral(inner)) {
      const written = inner.pos >= 0 ? sourceText.slice(skipTrivia(sourceText, inner.pos), inner.end) : inner.text;
      return !isIntegralFloatLiteral(written);
    }
    if (ts.isBigIntLiteral(inner)) return true;
    if (ts.isBinaryExpression(inner) && BINARY.has(inner.operatorToken.kind)) {
      return inner.operatorToken.kind !== ts.SyntaxKind.SlashToken && isNumeric(inner.left) && isNumeric(inner.right);
    }
    return ts.isPrefixUnaryExpression(inner) && (inner.operator === ts.SyntaxKind.MinusToken || inner.operator === ts.SyntaxKind.PlusToken) && isNumeric(inner.operand);
  };
  const isText = (e: TS.Expression): boolean => {
    const inner = skipParens(ts, e);
    return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner);
  };
  /** An expression that is a JavaScript boolean already (its truth needs no Python rule). */
  const isBoolean = (e: TS.Expression): boolean => {
    const inner = skipParens(ts, e);
    if (inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword) return true;
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) return true;
    if (ts.isBinaryExpression(inner)) {
      const k = inner.operatorToken.kind;
      return k === ts.SyntaxKind.InstanceOfKeyword || k === ts.SyntaxKind.InKeyword;
    }
    return false;
  };
  /** Python's truth of a condition. */
  const truth = (e: TS.Expression): TS.Expression => (isBoolean(e) ? (visit(e) as TS.Expression) : helperCall('truth', [visit(e) as TS.Expression], e));

  /** A place that is written to: visit its parts but keep the access itself plain. */
  const visitTarget = (node: TS.Expression): TS.Expression => {
    if (ts.isElementAccessExpression(node)) {
      return f.updateElementAccessExpression(node, visit(node.expression) as TS.Expression, visit(node.argumentExpression) as TS.Expression);
    }
    if (ts.isParenthesizedExpression(node)) return f.updateParenthesizedExpression(node, visitTarget(node.expression));
    if (ts.isArrayLiteralExpression(node)) {
      return f.updateArrayLiteralExpression(node, node.elements.map((e) => visitTarget(e)));
    }
    if (ts.isSpreadElement(node)) return f.updateSpreadElement(node, visitTarget(node.expression));
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, visit(node.right) as TS.Expression);
    }
    if (ts.isObjectLiteralExpression(node)) {
      return f.updateObjectLiteralExpression(node, node.properties.map((p) => {
        if (ts.isPropertyAssignment(p)) return f.updatePropertyAssignment(p, visit(p.name) as TS.PropertyName, visitTarget(p.initializer));
        if (ts.isSpreadAssignment(p)) return f.updateSpreadAssignment(p, visitTarget(p.expression));
        return visit(p) as TS.ObjectLiteralElementLike;
      }));
    }
    return visit(node) as TS.Expression;
  };

  /** Re-reading a compound assignment's target is only safe when that has no side effects. */
  const isSimpleTarget = (node: TS.Expression): boolean => {
    if (ts.isIdentifier(node)) return true;
    const simple = (e: TS.Expression): boolean =>
      ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword || ts.isLiteralExpression(e) ||
      (ts.isPropertyAccessExpression(e) && simple(e.expression));
    if (ts.isPropertyAccessExpression(node)) return simple(node.expression);
    return false;
  };

  /** Element access that indexes a tensor (not `obj['name']`, optional chains or super). */
  const isItemAccess = (node: TS.Expression): node is TS.ElementAccessExpression => {
    if (!ts.isElementAccessExpression(node)) return false;
    const arg = node.argumentExpression;
    return !(ts.isOptionalChain(node) || node.expression.kind === ts.SyntaxKind.SuperKeyword ||
      ((ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) && IDENTIFIER.test(arg.text)));
  };
  const specsOf = (node: TS.ElementAccessExpression) => f.createArrayLiteralExpression(commaList(ts, node.argumentExpression).map((e) => visit(e) as TS.Expression));

  /** Contexts whose numbers must stay plain JavaScript numbers (case labels, builtin constructors' arguments). */
  const plainNumbers = new WeakSet<TS.Node>();

  const visit = (node: TS.Node): TS.Node => {
    // Types, enums (whose initializers TypeScript evaluates itself) and ambient code have no operators to run.
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return node;
    if (ts.isEnumDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return node;
    if (ts.isModuleDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return node;

    if (ts.isNumericLiteral(node)) {
      // The parser normalizes a literal's text (2.0 is "2"): read what the cell wrote.
      const written = node.pos >= 0 ? sourceText.slice(skipTrivia(sourceText, node.pos), node.end) : node.text;
      if (!plainNumbers.has(node) && isIntegralFloatLiteral(written)) return helperCall('float', [f.createNumericLiteral(Number(node.text))], node);
      return node;
    }
    if (ts.isCaseClause(node)) plainNumbers.add(node.expression);
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && PLAIN_NUMBER_CONSTRUCTORS.test(node.expression.text)) {
      for (const a of node.arguments ?? []) plainNumbers.add(skipParens(ts, a));
    }

    if (ts.isTemplateExpression(node)) {
      // f-string formatting: each `${value}` shows format(value, '').
      return f.updateTemplateExpression(node, node.head, node.templateSpans.map((s) =>
        f.updateTemplateSpan(s, helperCall('fmt', [visit(s.expression) as TS.Expression], s.expression), s.literal)));
    }

    if (ts.isBinaryExpression(node)) {
      const kind = node.operatorToken.kind;
      const op = BINARY.get(kind);
      if (op !== undefined) {
        const left = visit(node.left) as TS.Expression;
        const right = visit(node.right) as TS.Expression;
        const plain = (isNumeric(node.left) && isNumeric(node.right)) || (op === '+' && (isText(node.left) || isText(node.right)));
        if (plain) return f.updateBinaryExpression(node, left, node.operatorToken, right);
        return helperCall('binary', [f.createStringLiteral(op), left, right], node);
      }
      const eq = EQUALITY.get(kind);
      if (eq !== undefined) {
        const left = visit(node.left) as TS.Expression, right = visit(node.right) as TS.Expression;
        if (isText(node.left) || isText(node.right)) return f.updateBinaryExpression(node, left, node.operatorToken, right);
        return helperCall('eq', [left, right, eq[0] ? f.createTrue() : f.createFalse(), eq[1] ? f.createTrue() : f.createFalse()], node);
      }
      if (kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken) {
        if (isBoolean(node.left) && isBoolean(node.right)) return ts.visitEachChild(node, visit, context);
        return helperCall(kind === ts.SyntaxKind.AmpersandAmpersandToken ? 'and' : 'or', [visit(node.left) as TS.Expression, thunk(visit(node.right) as TS.Expression)], node);
      }
      const compound = COMPOUND.get(kind);
      if (compound !== undefined) {
        if (isItemAccess(node.left)) {
          // x[i] += v: the item read, combined, and written back (x and i evaluated once).
          return helperCall('updateItem', [visit(node.left.expression) as TS.Expression, specsOf(node.left), f.createStringLiteral(compound), visit(node.right) as TS.Expression], node);
        }
        if (!isSimpleTarget(node.left)) return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, visit(node.right) as TS.Expression);
        // a += v: in place for NumPy arrays and torch tensors (Python's __iadd__), a new value otherwise.
        const value = helperCall('inplace', [f.createStringLiteral(compound), visit(node.left) as TS.Expression, visit(node.right) as TS.Expression], node);
        return ts.setTextRange(f.createAssignment(visitTarget(node.left), value), node);
      }
      if (kind === ts.SyntaxKind.EqualsToken) {
        if (isItemAccess(node.left)) return helperCall('setItem', [visit(node.left.expression) as TS.Expression, specsOf(node.left), visit(node.right) as TS.Expression], node);
        return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, visit(node.right) as TS.Expression);
      }
      return ts.visitEachChild(node, visit, context);
    }

    if (ts.isPrefixUnaryExpression(node)) {
      const op = node.operator;
      if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) {
        return f.updatePrefixUnaryExpression(node, visitTarget(node.operand));
      }
      if (op === ts.SyntaxKind.ExclamationToken) return f.updatePrefixUnaryExpression(node, truth(node.operand));
      if (op === ts.SyntaxKind.TildeToken) return helperCall('unary', [f.createStringLiteral('~'), visit(node.operand) as TS.Expression], node);
      if ((op === ts.SyntaxKind.MinusToken || op === ts.SyntaxKind.PlusToken) && !isNumeric(node.operand)) {
        return helperCall('unary', [f.createStringLiteral(op === ts.SyntaxKind.MinusToken ? '-' : '+'), visit(node.operand) as TS.Expression], node);
      }
      return ts.visitEachChild(node, visit, context);
    }
    if (ts.isPostfixUnaryExpression(node)) return f.updatePostfixUnaryExpression(node, visitTarget(node.operand));
    if (ts.isDeleteExpression(node)) return f.updateDeleteExpression(node, visitTarget(node.expression));

    // Conditions use Python's truth.
    if (ts.isIfStatement(node)) {
      return f.updateIfStatement(node, truth(node.expression), visit(node.thenStatement) as TS.Statement, node.elseStatement && (visit(node.elseStatement) as TS.Statement));
    }
    if (ts.isWhileStatement(node)) return f.updateWhileStatement(node, truth(node.expression), visit(node.statement) as TS.Statement);
    if (ts.isDoStatement(node)) return f.updateDoStatement(node, visit(node.statement) as TS.Statement, truth(node.expression));
    if (ts.isForStatement(node)) {
      return f.updateForStatement(node, node.initializer && (visit(node.initializer) as TS.ForInitializer), node.condition && truth(node.condition),
        node.incrementor && (visit(node.incrementor) as TS.Expression), visit(node.statement) as TS.Statement);
    }
    if (ts.isConditionalExpression(node)) {
      return f.updateConditionalExpression(node, truth(node.condition), node.questionToken, visit(node.whenTrue) as TS.Expression, node.colonToken, visit(node.whenFalse) as TS.Expression);
    }

    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      const init = ts.isVariableDeclarationList(node.initializer) ? (visit(node.initializer) as TS.ForInitializer) : visitTarget(node.initializer);
      const expr = visit(node.expression) as TS.Expression;
      const body = visit(node.statement) as TS.Statement;
      return ts.isForOfStatement(node)
        ? f.updateForOfStatement(node, node.awaitModifier, init, expr, body)
        : f.updateForInStatement(node, init, expr, body);
    }

    // import('x') anywhere in a cell resolves as a static import does (src/session/imports.ts): a vm
    // script has no module loader of its own.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      return helperCall('import', node.arguments.slice(0, 1).map((a) => visit(a) as TS.Expression), node);
    }
    // A method called through an element access keeps its `this`: only its parts are rewritten.
    if ((ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node))) {
      const callee = ts.isCallExpression(node) ? node.expression : node.tag;
      if (ts.isElementAccessExpression(callee)) {
        const plainCallee = f.updateElementAccessExpression(callee, visit(callee.expression) as TS.Expression, visit(callee.argumentExpression) as TS.Expression);
        if (ts.isCallExpression(node)) {
          return f.updateCallExpression(node, plainCallee, node.typeArguments, node.arguments.map((a) => visit(a) as TS.Expression));
        }
        return f.updateTaggedTemplateExpression(node, plainCallee, node.typeArguments, visit(node.template) as TS.TemplateLiteral);
      }
      if (ts.isTaggedTemplateExpression(node)) return f.updateTaggedTemplateExpression(node, visit(node.tag) as TS.Expression, node.typeArguments, node.template);
      return ts.visitEachChild(node, visit, context);
    }

    if (isItemAccess(node as TS.Expression)) {
      const access = node as TS.ElementAccessExpression;
      const specs = commaList(ts, access.argumentExpression).map((e) => visit(e) as TS.Expression);
      return helperCall('getItem', [visit(access.expression) as TS.Expression, ...specs], node);
    }

    return ts.visitEachChild(node, visit, context);
  };
  return visit;
}

/** `x[a, b, c]` parses as one comma expression: its operands are Python's multi-axis index. */
function commaList(ts: typeof TS, e: TS.Expression): TS.Expression[] {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
    return [...commaList(ts, e.left), e.right];
  }
  return [e];
}

/** The position of the first token at or after `pos` (past whitespace and comments). */
function skipTrivia(text: string, pos: number): number {
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (text.startsWith('//', pos)) { const e = text.indexOf('\n', pos); pos = e < 0 ? text.length : e; continue; }
    if (text.startsWith('/*', pos)) { const e = text.indexOf('*/', pos + 2); pos = e < 0 ? text.length : e + 2; continue; }
    return pos;
  }
}

function skipParens(ts: typeof TS, e: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Whether a cell's last expression is an assignment, which shows nothing (Python's statements). */
export function isStatementLike(ts: typeof TS, e: TS.Expression): boolean {
  const inner = skipParens(ts, e);
  if (ts.isBinaryExpression(inner)) {
    const k = inner.operatorToken.kind;
    return k === ts.SyntaxKind.EqualsToken || COMPOUND.has(k) ||
      k === ts.SyntaxKind.AmpersandAmpersandEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken;
  }
  return ts.isDeleteExpression(inner) || ts.isVoidExpression(inner);
}
