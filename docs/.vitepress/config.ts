import { transformerTwoslash } from '@shikijs/vitepress-twoslash'
import ts from 'typescript'
import { type DefaultTheme, defineConfig } from 'vitepress'

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Introduction', link: '/guide/' },
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Async WebSocket agents', link: '/guide/async-websocket' },
      { text: 'Executors', link: '/guide/executors' },
      { text: 'Restore', link: '/guide/restore' },
      { text: 'Long-term memory', link: '/guide/long-term-memory' },
      { text: 'Redaction', link: '/guide/redaction' },
      { text: 'Observability', link: '/guide/observability' },
      { text: 'The emulator', link: '/guide/emulator' },
      { text: 'Deploying', link: '/guide/deploying' },
      { text: 'Reliability', link: '/guide/reliability' },
      { text: 'Troubleshooting', link: '/guide/troubleshooting' },
    ],
  },
]

const reference: DefaultTheme.SidebarItem[] = [
  {
    text: 'Reference',
    items: [
      { text: 'Options', link: '/reference/options' },
      { text: 'API', link: '/reference/api' },
      { text: 'Errors', link: '/reference/errors' },
    ],
  },
]

// Code blocks marked `ts twoslash` are compiled against the packages' built
// type declarations, so a sample that no longer type-checks fails the build.
// Dead links fail the build too (VitePress's default; keep it).
export default defineConfig({
  title: 'AgentCore Memory sessions',
  description: 'AgentCore Memory sessions for TypeScript agents, with memory I/O kept off the streaming hot path.',
  cleanUrls: true,
  // The folder's README is for contributors, not a page of the site.
  srcExclude: ['README.md'],
  markdown: {
    codeTransformers: [
      transformerTwoslash({
        throws: true,
        twoslashOptions: {
          compilerOptions: {
            module: ts.ModuleKind.ESNext,
            moduleResolution: ts.ModuleResolutionKind.Bundler,
            target: ts.ScriptTarget.ES2022,
            // The same strictness as the packages, so a sample that compiles here compiles in a user's strict project.
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            types: ['node'],
          },
        },
      }),
    ],
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/' },
      { text: 'Reference', link: '/reference/options' },
      { text: 'Migration from Python', link: '/migration/python' },
      { text: 'Benchmarks', link: '/benchmarks/' },
    ],
    sidebar: {
      '/guide/': guide,
      '/reference/': reference,
      '/migration/': [{ text: 'Migration', items: [{ text: 'From Python', link: '/migration/python' }] }],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
})
