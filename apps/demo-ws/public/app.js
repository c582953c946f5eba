// Chat page of the WebSocket demo. The protocol is described in the app's README.

const tokenKey = 'demo-ws.token'
const maxReconnectDelayMs = 10_000

const elements = {
  log: document.getElementById('log'),
  empty: document.getElementById('empty'),
  status: document.getElementById('status'),
  sessionInfo: document.getElementById('session-info'),
  form: document.getElementById('composer'),
  prompt: document.getElementById('prompt'),
  send: document.getElementById('send'),
  stop: document.getElementById('stop'),
  newConversation: document.getElementById('new-conversation'),
  startOver: document.getElementById('start-over'),
  modeInputs: [...document.querySelectorAll('input[name="mode"]')],
}

const state = {
  socket: undefined,
  ready: false,
  reconnectDelayMs: 500,
  reconnectTimer: undefined,
  // The next connection starts a new session for the same user instead of resuming.
  startNew: false,
  turn: undefined,
  toolCards: new Map(),
}

const initialMode = new URLSearchParams(location.search).get('mode')
if (initialMode === 'inline' || initialMode === 'async') {
  setSelectedMode(initialMode)
  // A mode in the address starts a new conversation in that mode, as the toggle does. Dropping it from the
  // address lets a reload resume that conversation instead of starting another one.
  state.startNew = true
  history.replaceState(null, '', location.pathname)
}

function selectedMode() {
  return elements.modeInputs.find((input) => input.checked)?.value ?? 'async'
}

function setSelectedMode(mode) {
  for (const input of elements.modeInputs) input.checked = input.value === mode
}

function setStatus(text, kind) {
  elements.status.textContent = text
  elements.status.dataset.state = kind
}

function socketUrl() {
  const url = new URL('/ws', location.href)
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:'
  const token = localStorage.getItem(tokenKey)
  if (token) url.searchParams.set('token', token)
  if (state.startNew) url.searchParams.set('new', '1')
  url.searchParams.set('mode', selectedMode())
  return url
}

function connect() {
  clearTimeout(state.reconnectTimer)
  setStatus('Connecting…', 'connecting')
  const socket = new WebSocket(socketUrl())
  state.socket = socket
  state.ready = false
  updateButtons()

  socket.addEventListener('message', (event) => {
    if (socket === state.socket) handleMessage(JSON.parse(event.data))
  })
  socket.addEventListener('close', (event) => {
    if (socket !== state.socket) return
    state.ready = false
    finishTurn()
    updateButtons()
    if (event.code === 4401) {
      // The server rejected the token: forget it and start over as a new user.
      localStorage.removeItem(tokenKey)
      connect()
      return
    }
    if (event.code === 4409) {
      // Another tab resumed this conversation. Reconnecting on its own would take it back and start a tug of war
      // between the tabs, so this tab waits until the user reloads it.
      setStatus('Opened in another tab · reload this page to continue here', 'error')
      return
    }
    setStatus(`Disconnected (${event.code}); reconnecting…`, 'error')
    state.reconnectTimer = setTimeout(connect, state.reconnectDelayMs)
    state.reconnectDelayMs = Math.min(state.reconnectDelayMs * 2, maxReconnectDelayMs)
  })
}

/** Closes the current socket without reconnecting to it, then connects again. */
function reconnect() {
  const old = state.socket
  state.socket = undefined
  old?.close(1000)
  clearLog()
  connect()
}

function handleMessage(message) {
  switch (message.type) {
    case 'session':
      state.ready = true
      state.startNew = false
      state.reconnectDelayMs = 500
      localStorage.setItem(tokenKey, message.token)
      setSelectedMode(message.mode)
      setStatus(message.resumed ? 'Connected · conversation restored' : 'Connected · new conversation', 'ready')
      elements.sessionInfo.textContent = `${message.mode} mode · session ${message.sessionId.replace(/^session-/, '').slice(0, 8)}`
      elements.sessionInfo.title = message.sessionId
      clearLog()
      renderHistory(message.history)
      if (message.resumed && message.history.length === 0) addNotice('Resumed session has no stored messages yet.')
      updateButtons()
      break
    case 'turn_start':
      startTurn(message.turnId)
      break
    case 'token':
      appendToken(message.text)
      break
    case 'tool_call':
      addToolCard(currentBubble(), message)
      break
    case 'tool_result':
      setToolResult(message)
      break
    case 'done':
      showMetrics(message.metrics, message.stopReason)
      finishTurn()
      break
    case 'error':
      addNotice(`${message.code}: ${message.message}`, true)
      // A frame the server could not read (too large, for example) gets an error without a turn id, so a prompt
      // that has not started yet is released by that error too.
      if (state.turn && (message.turnId === state.turn.turnId || (!message.turnId && !state.turn.bubble))) finishTurn()
      break
  }
  updateButtons()
}

function clearLog() {
  state.toolCards.clear()
  elements.log.replaceChildren(elements.empty)
  elements.empty.hidden = false
}

function addBubble(role, restored = false) {
  elements.empty.hidden = true
  const bubble = document.createElement('div')
  bubble.className = `message ${role}${restored ? ' restored' : ''}`
  bubble.dataset.role = role
  const text = document.createElement('span')
  text.className = 'text'
  bubble.append(text)
  elements.log.append(bubble)
  scrollToEnd()
  return bubble
}

function addNotice(text, isError = false) {
  const notice = document.createElement('div')
  notice.className = `notice${isError ? ' error' : ''}`
  notice.textContent = text
  elements.log.append(notice)
  scrollToEnd()
}

function renderHistory(history) {
  let bubble
  let bubbleRole
  for (const message of history) {
    for (const block of message.blocks) {
      // Tool results fill in the card of their call, so a tool cycle stays in one assistant bubble, as it streamed.
      if (block.type === 'toolResult') {
        setToolResult(block)
        continue
      }
      if (!bubble || bubbleRole !== message.role) {
        bubble = addBubble(message.role, true)
        bubbleRole = message.role
      }
      if (block.type === 'text') appendText(bubble, block.text)
      if (block.type === 'toolUse') addToolCard(bubble, block)
    }
  }
}

function startTurn(turnId) {
  state.turn = { turnId, bubble: undefined }
  currentBubble().classList.add('streaming')
}

function currentBubble() {
  state.turn ??= { turnId: undefined, bubble: undefined }
  state.turn.bubble ??= addBubble('assistant')
  return state.turn.bubble
}

function appendToken(text) {
  appendText(currentBubble(), text)
  scrollToEnd()
}

function appendText(bubble, text) {
  // Text goes after the last tool card, so a reply reads in the order it was produced.
  let target = bubble.lastElementChild
  if (!target?.classList.contains('text')) {
    target = document.createElement('span')
    target.className = 'text'
    bubble.append(target)
  }
  target.textContent += text
}

function addToolCard(bubble, call) {
  const card = document.createElement('div')
  card.className = 'tool'
  const label = document.createElement('span')
  label.className = 'tool-label'
  label.textContent = 'tool'
  card.append(label, `${call.name}(${JSON.stringify(call.input ?? {})})`)
  const result = document.createElement('span')
  result.className = 'result'
  result.textContent = '… running'
  card.append(result)
  bubble.append(card)
  state.toolCards.set(call.toolUseId, result)
  scrollToEnd()
}

function setToolResult(result) {
  const target = state.toolCards.get(result.toolUseId)
  if (!target) return
  const summary = result.content.map((item) => (item.text !== undefined ? item.text : JSON.stringify(item.json)))
  target.textContent = `→ ${result.status}: ${summary.join(' ')}`
}

function showMetrics(metrics, stopReason) {
  const bubble = currentBubble()
  const row = document.createElement('div')
  row.className = 'metrics'
  const entries = [
    [
      'first token',
      metrics.timeToFirstTokenMs === null ? '–' : `${Math.round(metrics.timeToFirstTokenMs)} ms`,
      'Time from the server receiving the prompt to sending the first token',
    ],
    ['turn', `${Math.round(metrics.turnMs)} ms`, 'Time from the server receiving the prompt to the end of the turn'],
    [
      'loop delay max',
      `${metrics.eventLoopDelay.maxMs.toFixed(1)} ms`,
      `Largest event loop delay on the server during the turn (p99 ${metrics.eventLoopDelay.p99Ms.toFixed(1)} ms)`,
    ],
    ['writes pending', String(metrics.pendingWrites), 'Memory writes accepted but not yet stored when the turn ended'],
    ['mode', metrics.mode, 'async: writes are stored behind the agent; inline: each write is stored before it goes on'],
  ]
  if (stopReason !== 'endTurn') entries.push(['stop', stopReason, 'Why the turn ended'])
  for (const [label, value, description] of entries) {
    const metric = document.createElement('span')
    metric.className = 'metric'
    metric.title = description
    const strong = document.createElement('strong')
    strong.textContent = value
    metric.append(`${label} `, strong)
    row.append(metric)
  }
  bubble.append(row)
  scrollToEnd()
}

function finishTurn() {
  state.turn?.bubble?.classList.remove('streaming')
  state.turn = undefined
}

function updateButtons() {
  const busy = state.turn !== undefined
  elements.send.disabled = !state.ready || busy
  elements.stop.hidden = !busy
}

function scrollToEnd() {
  elements.log.lastElementChild?.scrollIntoView({ block: 'end' })
}

function sendPrompt() {
  const text = elements.prompt.value.trim()
  if (!text || !state.ready || state.turn) return
  const bubble = addBubble('user')
  appendText(bubble, text)
  const turnId = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  state.socket.send(JSON.stringify({ type: 'prompt', text, id: turnId }))
  elements.prompt.value = ''
  // The server echoes the id in `turn_start` and in an `error` that rejects the prompt; Send stays disabled until then.
  state.turn = { turnId, bubble: undefined }
  updateButtons()
}

elements.form.addEventListener('submit', (event) => {
  event.preventDefault()
  sendPrompt()
})

elements.prompt.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    sendPrompt()
  }
})

elements.stop.addEventListener('click', () => {
  state.socket?.send(JSON.stringify({ type: 'cancel' }))
})

elements.newConversation.addEventListener('click', () => {
  state.startNew = true
  reconnect()
})

for (const input of elements.modeInputs) {
  // The mode applies to new conversations, so switching it starts one.
  input.addEventListener('change', () => {
    state.startNew = true
    reconnect()
  })
}

// Only this browser drops the token: the stored conversation and the token itself stay valid on the server.
elements.startOver.addEventListener('click', () => {
  localStorage.removeItem(tokenKey)
  state.startNew = false
  reconnect()
})

connect()
