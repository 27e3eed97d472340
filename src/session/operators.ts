// The cell dialect's operator rewrite: `a + b`, `-a`, `a ** b`, `%`, `<`..`>=` and element access
// `x[i]` / `x[i, j]` become calls of src/api/operators.ts (through the `__jacobi` helper object in the
// cell's global scope), so tensors get NumPy semantics while every other value keeps JavaScript's.
import type { TS } from './typescript.js';

export const HELPER = '__jacobi';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const BINARY: ReadonlyMap<number, string> = new Map();
const COMPOUND: ReadonlyMap<number, string> = new Map();

function tables(ts: typeof TS): void {
  if (BINARY.size) return;
  const k = ts.SyntaxKind;
  const b = BINARY as Map<number, string>;
  b.set(k.PlusToken, '+').set(k.MinusToken, '-').set(k.AsteriskToken, '*').set(k.SlashToken, '/');
  b.set(k.AsteriskAsteriskToken, '**').set(k.PercentToken, '%');
  b.set(k.LessThanToken, '<').set(k.LessThanEqualsToken, '<=').set(k.GreaterThanToken, '>').set(k.GreaterThanEqualsToken, '>=');
  const c = COMPOUND as Map<number, string>;
  c.set(k.PlusEqualsToken, '+').set(k.MinusEqualsToken, '-').set(k.AsteriskEqualsToken, '*').set(k.SlashEqualsToken, '/');
  c.set(k.AsteriskAsteriskEqualsToken, '**').set(k.PercentEqualsToken, '%');
}

/** A visitor that rewrites operators in an expression tree (and everything nested in it). */
export function operatorRewriter(ts: typeof TS, context: TS.TransformationContext): (node: TS.Node) => TS.Node {
  tables(ts);
  const f = context.factory;

  const helperCall = (name: string, args: TS.Expression[], original: TS.Node): TS.Expression => {
    const call = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(HELPER), name), undefined, args);
    return ts.setTextRange(call, original);
  };

  /** Literal-only arithmetic cannot involve a tensor: it stays plain (and fast). */
  const isNumeric = (e: TS.Expression): boolean => {
    const inner = skipParens(ts, e);
    if (ts.isNumericLiteral(inner) || ts.isBigIntLiteral(inner)) return true;
    if (ts.isBinaryExpression(inner) && BINARY.has(inner.operatorToken.kind)) return isNumeric(inner.left) && isNumeric(inner.right);
    return ts.isPrefixUnaryExpression(inner) && (inner.operator === ts.SyntaxKind.MinusToken || inner.operator === ts.SyntaxKind.PlusToken) && isNumeric(inner.operand);
  };
  const isText = (e: TS.Expression): boolean => {
    const inner = skipParens(ts, e);
    return ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner) || ts.isTemplateExpression(inner);
  };

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
    if (ts.isElementAccessExpression(node)) return simple(node.expression) && simple(node.argumentExpression);
    return false;
  };

  const visit = (node: TS.Node): TS.Node => {
    // Types, enums (whose initializers TypeScript evaluates itself) and ambient code have no operators to run.
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return node;
    if (ts.isEnumDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return node;
    if (ts.isModuleDeclaration(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return node;

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
      const compound = COMPOUND.get(kind);
      if (compound !== undefined) {
        if (!isSimpleTarget(node.left)) return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, visit(node.right) as TS.Expression);
        const target = visitTarget(node.left);
        const read = ts.isElementAccessExpression(node.left) ? target : (visit(node.left) as TS.Expression);
        const value = helperCall('binary', [f.createStringLiteral(compound), read, visit(node.right) as TS.Expression], node);
        return ts.setTextRange(f.createAssignment(target, value), node);
      }
      if (kind === ts.SyntaxKind.EqualsToken) {
        return f.updateBinaryExpression(node, visitTarget(node.left), node.operatorToken, visit(node.right) as TS.Expression);
      }
      return ts.visitEachChild(node, visit, context);
    }

    if (ts.isPrefixUnaryExpression(node)) {
      const op = node.operator;
      if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) {
        return f.updatePrefixUnaryExpression(node, visitTarget(node.operand));
      }
      if ((op === ts.SyntaxKind.MinusToken || op === ts.SyntaxKind.PlusToken) && !isNumeric(node.operand)) {
        return helperCall('unary', [f.createStringLiteral(op === ts.SyntaxKind.MinusToken ? '-' : '+'), visit(node.operand) as TS.Expression], node);
      }
      return ts.visitEachChild(node, visit, context);
    }
    if (ts.isPostfixUnaryExpression(node)) return f.updatePostfixUnaryExpression(node, visitTarget(node.operand));
    if (ts.isDeleteExpression(node)) return f.updateDeleteExpression(node, visitTarget(node.expression));
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      const init = ts.isVariableDeclarationList(node.initializer) ? (visit(node.initializer) as TS.ForInitializer) : visitTarget(node.initializer);
      const expr = visit(node.expression) as TS.Expression;
      const body = visit(node.statement) as TS.Statement;
      return ts.isForOfStatement(node)
        ? f.updateForOfStatement(node, node.awaitModifier, init, expr, body)
        : f.updateForInStatement(node, init, expr, body);
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
      return ts.visitEachChild(node, visit, context);
    }

    if (ts.isElementAccessExpression(node)) {
      const arg = node.argumentExpression;
      const plain = ts.isOptionalChain(node) || node.expression.kind === ts.SyntaxKind.SuperKeyword ||
        ((ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) && IDENTIFIER.test(arg.text));
      if (plain) return ts.visitEachChild(node, visit, context);
      const specs = commaList(ts, arg).map((e) => visit(e) as TS.Expression);
      return helperCall('getItem', [visit(node.expression) as TS.Expression, ...specs], node);
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

function skipParens(ts: typeof TS, e: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}
