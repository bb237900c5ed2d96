export * from "./keywords.ts";
export { tokenize, scanDeclaredNames, allTokens, LINE_TEXT_HEADERS, type LexResult } from "./lexer.ts";
export { parseCst, parser, RubricParser, type ParseResult, type SyntaxError, type CstNode, type IToken } from "./parser.ts";
