import type { ProfileName } from './profiles'

/** File names of one profile's output, so that the quick and full results can sit side by side. */
export interface OutputNames {
  /** Raw results, in the results folder. */
  json: string
  /** Markdown page, in the docs folder. */
  page: string
  /** Prefix of the chart files beside the page. */
  chartPrefix: string
  /** The other profile's page, which this page links to when it exists. */
  companionPage?: { page: string; label: string }
}

/** Returns the output names of `profile`. The full profile writes beside the quick one, never over it. */
export function outputNames(profile: ProfileName): OutputNames {
  switch (profile) {
    case 'full':
      return {
        json: 'latest-full.json',
        page: 'full.md',
        chartPrefix: 'full-',
        companionPage: { page: 'index.md', label: 'quick profile' },
      }
    case 'quick':
      return {
        json: 'latest.json',
        page: 'index.md',
        chartPrefix: '',
        companionPage: { page: 'full.md', label: 'full profile' },
      }
    case 'smoke':
      return { json: 'latest.json', page: 'index.md', chartPrefix: '' }
  }
}
