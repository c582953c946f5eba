// Checks the reference pages against the packages' TypeScript source, so drift fails `docs:build`:
// - every property of each documented option interface has a row in its table on the options page, no row names
//   a property that does not exist, and the default that the JSDoc states appears in the row's Default cell;
// - every export of each package entry point has a row in its table on the API page, and no row names a symbol
//   that the entry point does not export;
// - every error code that the source declares or throws has a heading on the errors page, and no heading names an
//   unknown code.
// Usage: node scripts/check-reference.mjs (from docs/). Exits 1 and lists each mismatch.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const docsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repoDir = resolve(docsDir, '..')
// Folder that holds reference/*.md; the check's own test points it at edited copies.
const pagesDir = process.env.REFERENCE_PAGES_DIR ?? docsDir
const problems = []

/** Option interfaces documented on the options page, by heading, with the file that declares each. */
const optionInterfaces = [
  ['MemorySessionOptions', 'packages/core/src/session/session-options.ts'],
  ['RetrievalConfig', 'packages/core/src/session/session-options.ts'],
  ['InlineExecutorOptions', 'packages/core/src/executor/inline-executor.ts'],
  ['BackgroundExecutorOptions', 'packages/core/src/executor/background-executor.ts'],
  ['AgentCoreMemorySessionManagerOptions', 'packages/strands/src/session-manager-options.ts'],
  ['EmulatorOptions', 'packages/emulator/src/options.ts'],
  ['MemoryDefinition', 'packages/emulator/src/options.ts'],
  ['StrategyDefinition', 'packages/emulator/src/options.ts'],
  ['LatencyOptions', 'packages/emulator/src/options.ts'],
  ['LatencySpec', 'packages/emulator/src/options.ts'],
  ['FaultOptions', 'packages/emulator/src/options.ts'],
  ['ScriptedModelOptions', 'packages/strands/src/testing/scripted-model.ts'],
]

/** Entry points documented on the API page, by heading. */
const entryPoints = [
  ['@agentcore-session/core', 'packages/core/src/index.ts'],
  ['@agentcore-session/core/testing', 'packages/core/src/testing/index.ts'],
  ['@agentcore-session/strands', 'packages/strands/src/index.ts'],
  ['@agentcore-session/strands/testing', 'packages/strands/src/testing/index.ts'],
  ['@agentcore-session/emulator', 'packages/emulator/src/index.ts'],
]

/** Packages whose error codes the errors page lists, by heading, with their source folder. */
const errorPackages = [
  ['@agentcore-session/core', 'packages/core/src'],
  ['@agentcore-session/strands', 'packages/strands/src'],
  ['@agentcore-session/emulator', 'packages/emulator/src'],
]

const program = ts.createProgram(
  entryPoints.map(([, file]) => join(repoDir, file)),
  {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    customConditions: ['@agentcore-session/source'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
)
const checker = program.getTypeChecker()

checkOptions()
checkExports()
checkErrorCodes()

if (problems.length > 0) {
  process.stderr.write(`Reference pages disagree with the source:\n${problems.map((p) => `- ${p}`).join('\n')}\n`)
  process.exit(1)
}
process.stdout.write(
  `Reference pages match the source: ${optionInterfaces.length} option interfaces, ${entryPoints.length} entry points, ${errorPackages.length} error lists.\n`,
)

function checkOptions() {
  const page = readPage('reference/options.md')
  for (const [name, file] of optionInterfaces) {
    const declaration = findInterface(file, name)
    if (declaration === undefined) {
      problems.push(`${file} no longer declares interface ${name}; update the list in scripts/check-reference.mjs.`)
      continue
    }
    const { header, rows } = tableRows(section(page, `\`${name}\``, 'reference/options.md'))
    const defaultColumn = header.findIndex((cell) => cell.toLowerCase() === 'default')
    const documented = new Map(rows.map((cells) => [stripCode(cells[0] ?? ''), cells]))
    const properties = declaration.members.filter(ts.isPropertySignature)
    for (const property of properties) {
      const option = property.name.getText()
      const row = documented.get(option)
      const stated = defaultFromJsDoc(jsDocText(property))
      if (process.env.DEBUG_REFERENCE) process.stdout.write(`${name}.${option}: ${stated ?? '-'}\n`)
      if (row === undefined) {
        problems.push(`reference/options.md: ${name}.${option} has no row.`)
        continue
      }
      const cell = defaultColumn === -1 ? undefined : row[defaultColumn]
      if (stated !== undefined && (cell === undefined || !normalize(cell).includes(normalize(stated)))) {
        problems.push(
          `reference/options.md: ${name}.${option} default cell '${cell ?? ''}' does not show the JSDoc default '${stated}'.`,
        )
      }
    }
    const known = new Set(properties.map((property) => property.name.getText()))
    for (const option of documented.keys()) {
      if (!known.has(option)) problems.push(`reference/options.md: ${name}.${option} does not exist in ${file}.`)
    }
  }
}

function checkExports() {
  const page = readPage('reference/api.md')
  for (const [entry, file] of entryPoints) {
    const source = program.getSourceFile(join(repoDir, file))
    const symbol = source && checker.getSymbolAtLocation(source)
    if (symbol === undefined) {
      problems.push(`${file} could not be read.`)
      continue
    }
    const exported = new Set(checker.getExportsOfModule(symbol).map((item) => item.getName()))
    const { rows } = tableRows(section(page, `\`${entry}\``, 'reference/api.md'))
    const documented = new Set(rows.map((cells) => stripCode(cells[0] ?? '')))
    for (const name of exported) {
      if (!documented.has(name)) problems.push(`reference/api.md: ${entry} exports ${name}, which has no row.`)
    }
    for (const name of documented) {
      if (!exported.has(name)) problems.push(`reference/api.md: ${entry} does not export ${name}.`)
    }
  }
}

function checkErrorCodes() {
  const page = readPage('reference/errors.md')
  for (const [pkg, folder] of errorPackages) {
    const codes = new Set()
    for (const source of program.getSourceFiles()) {
      const path = source.fileName
      if (!path.startsWith(join(repoDir, folder)) || path.endsWith('.test.ts')) continue
      collectCodes(source, codes)
    }
    const text = section(page, `\`${pkg}\``, 'reference/errors.md')
    const documented = new Set([...text.matchAll(/^### `([A-Z][A-Z_]+)`/gm)].map((match) => match[1]))
    for (const code of codes) {
      if (!documented.has(code)) problems.push(`reference/errors.md: ${pkg} has code ${code}, which has no heading.`)
    }
    for (const code of documented) {
      if (!codes.has(code)) problems.push(`reference/errors.md: ${pkg} has no code ${code}.`)
    }
  }
}

/** Adds the codes that `node` declares in `*ErrorCode` types, error type arguments, or error constructor calls. */
function collectCodes(node, codes) {
  const addLiteral = (literal) => {
    if (literal !== undefined && ts.isStringLiteral(literal) && /^[A-Z][A-Z_]+$/.test(literal.text)) {
      codes.add(literal.text)
    }
  }
  if (ts.isTypeAliasDeclaration(node) && node.name.text.endsWith('ErrorCode')) {
    const types = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type]
    for (const type of types) if (ts.isLiteralTypeNode(type)) addLiteral(type.literal)
  }
  if (ts.isExpressionWithTypeArguments(node) && node.expression.getText().endsWith('Error')) {
    for (const type of node.typeArguments ?? []) if (ts.isLiteralTypeNode(type)) addLiteral(type.literal)
  }
  if (ts.isNewExpression(node) && node.expression.getText().endsWith('Error')) addLiteral(node.arguments?.[0])
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) addLiteral(node.arguments[0])
  ts.forEachChild(node, (child) => collectCodes(child, codes))
}

function findInterface(file, name) {
  const source = program.getSourceFile(join(repoDir, file))
  return source?.statements.find((statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === name)
}

function jsDocText(node) {
  return ts
    .getJSDocCommentsAndTags(node)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ')
}

/**
 * Returns the default that a JSDoc comment states: an `@default` tag, `Default X.`, `Default: X.` or `defaults to X`.
 * or undefined when the comment states none.
 */
function defaultFromJsDoc(text) {
  const pattern = /(?:^|\.\s|\(|;\s)(?:Default:?|defaults to)\s+(.+?)(?=\.\s|\.$|\s\(|\)|;|,\s(?:which|the)|$)/gi
  // The last statement wins, because a summary such as "Default delay before ..." can also match.
  const matches = [...text.matchAll(pattern)]
  return matches.at(-1)?.[1]?.trim()
}

function normalize(text) {
  return text.toLowerCase().replace(/[`'"\s_,*]/g, '')
}

function stripCode(cell) {
  return cell.replace(/`/g, '').replace(/\(\)$/, '').trim()
}

function readPage(relative) {
  return readFileSync(join(pagesDir, relative), 'utf8')
}

/** Returns the text under the heading that contains `title`, up to the next heading of the same or a higher level. */
function section(page, title, pageName) {
  const lines = page.split('\n')
  const start = lines.findIndex((line) => /^#{2,4} /.test(line) && line.includes(title))
  if (start === -1) {
    problems.push(`${pageName}: no heading contains ${title}.`)
    return ''
  }
  const level = /^#+/.exec(lines[start])[0].length
  const end = lines.findIndex((line, index) => index > start && new RegExp(`^#{1,${level}} `).test(line))
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n')
}

/**
 * Splits the tables in `text` into rows of cells, without header and separator rows, and returns them with the cells
 * of the first header row.
 * A header row is a row that a separator row (`| --- |`) follows.
 */
function tableRows(text) {
  const lines = text.split('\n')
  const isRow = (line) => line?.startsWith('|') === true
  const isSeparator = (line) => isRow(line) && /^\|[\s:|-]+\|$/.test(line)
  const cells = (line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim())
  let header
  const rows = []
  lines.forEach((line, index) => {
    if (!isRow(line) || isSeparator(line)) return
    if (isSeparator(lines[index + 1])) {
      header ??= cells(line)
      return
    }
    rows.push(cells(line))
  })
  return { header: header ?? [], rows }
}
