export { describeProblem, problemKindName, type CheckCode, type CheckProblem } from './check-problem.js';
export { compileValueCheck, type ValueCheck, type ValueProblem } from './column-check.js';
export { ContractError, type ContractProblem } from './contract-error.js';
export { columnTypes, contractEncodings, type ColumnRule, type ColumnType, type ContractEncoding, type DeliveryContract, type FileContract, type ReferenceRule, type Severity } from './contract-model.js';
export { parseContract } from './contract-parser.js';
export { checkHeader, type HeaderCheck } from './header-check.js';
export { createTableChecker, type ParentKeys, type TableChecker, type TableCheckInput } from './table-checker.js';
export { encodingName, hasNonAscii, textProblem, type TextProblem } from './text-check.js';
export { fileKindFromBytes } from './binary-sniff.js';
