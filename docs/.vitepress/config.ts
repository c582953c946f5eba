import { defineConfig } from 'vitepress'

export default defineConfig({
  title: 'AgentCore Memory sessions',
  description: 'AgentCore Memory sessions for TypeScript agents, with memory I/O kept off the streaming hot path.',
  cleanUrls: true,
  themeConfig: {
    nav: [{ text: 'Guide', link: '/guide/' }],
    sidebar: {
      '/guide/': [{ text: 'Guide', items: [{ text: 'Introduction', link: '/guide/' }] }],
    },
    search: { provider: 'local' },
  },
})
