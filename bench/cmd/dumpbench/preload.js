// Preloaded into elasticdump (node -r preload.js) by the dumpbench harness.
//
// The minimal Elasticsearch 9.5.3 distribution answers GET / with 405, and
// elasticdump starts every Elasticsearch transport with GET / to learn the
// server's version: a 405 stops it. This file answers that one request in
// process, with the version the harness read from GET /_nodes/_local
// (passed in DUMPBENCH_ROOT_ANSWER). Every other request goes to the server
// untouched, through elasticdump's own HTTP stack (requestretry), so the
// measured work is elasticdump's and nothing sits between it and the server.
'use strict'
const Module = require('module')

const answer = process.env.DUMPBENCH_ROOT_ANSWER
if (!answer) {
  throw new Error('dumpbench preload: DUMPBENCH_ROOT_ANSWER is not set')
}
let answered = 0

function isRoot (opts) {
  if (!opts || typeof opts !== 'object') return false
  const method = (opts.method || 'GET').toUpperCase()
  const url = opts.url || opts.uri
  if (method !== 'GET' || typeof url !== 'string') return false
  try {
    const u = new URL(url)
    return u.pathname === '/' && u.search === ''
  } catch (e) {
    return false
  }
}

const load = Module._load
Module._load = function (request, parent, isMain) {
  const m = load.apply(this, arguments)
  if (request !== 'requestretry' || m.__dumpbenchWrapped) return m
  const defaults = m.defaults
  m.defaults = function () {
    const send = defaults.apply(this, arguments)
    const wrapped = function (opts, callback) {
      if (isRoot(opts) && typeof callback === 'function') {
        answered++
        process.nextTick(callback, null, {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
          body: answer
        })
        return
      }
      return send.apply(this, arguments)
    }
    Object.assign(wrapped, send)
    return wrapped
  }
  m.__dumpbenchWrapped = true
  return m
}

process.on('exit', () => {
  if (process.env.DUMPBENCH_PRELOAD_DEBUG) {
    process.stderr.write(`dumpbench preload: answered GET / ${answered} time(s)\n`)
  }
})
