export * from "./keywords.ts";
export { tokenize, scanDeclaredNames, scanDeclarations, allTokens, LINE_TEXT_HEADERS, NUMERALS, INVISIBLE, BLANKS, isBlankCode, type LexResult, type LexError, type Declarations } from "./lexer.ts";
export { parseCst, parser, RubricParser, RULE_HELP, MAX_NESTING, MAX_SYNTAX_ERRORS, type ParseResult, type SyntaxError, type CstNode, type IToken } from "./parser.ts";
