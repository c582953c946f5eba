import { transformerTwoslash } from '@shikijs/vitepress-twoslash'
import { defineConfig } from 'vitepress'

// Code blocks marked `ts twoslash` are compiled against the packages' built
// type declarations, so a sample that no longer type-checks fails the build.
// Dead links fail the build too (VitePress's default; keep it).
export default defineConfig({
  title: 'AgentCore Memory sessions',
  description: 'AgentCore Memory sessions for TypeScript agents, with memory I/O kept off the streaming hot path.',
  cleanUrls: true,
  markdown: {
    codeTransformers: [transformerTwoslash({ throws: true })],
  },
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/' }],
    sidebar: {
      '/guide/': [{ text: 'Guide', items: [{ text: 'Introduction', link: '/guide/' }] }],
    },
    search: { provider: 'local' },
  },
})
