/** /docs is built on its first request and answers as Swagger UI registered at start-up did. */
import t from 'tap'
import { testApp } from '../helpers/test-app.js'

t.test('the browser pages, the document and their assets', async (t) => {
  const app = await testApp(t)
  const page = await app.inject('/docs/')
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /text\/html/)
  t.same((await app.inject('/docs/json')).json(), (await app.inject('/openapi.json')).json())
  t.equal((await app.inject('/docs')).statusCode, 200)
  const css = await app.inject('/docs/static/swagger-ui.css')
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /text\/css/)
})

t.test('HEAD gives the headers of GET, its length included', async (t) => {
  const app = await testApp(t)
  const get = await app.inject('/docs/')
  const head = await app.inject({ method: 'HEAD', url: '/docs/' })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
  t.equal(head.headers['content-length'], String(get.rawPayload.length))
})

t.test('a redirect passes through without a body or a content type', async (t) => {
  const app = await testApp(t)
  const moved = await app.inject('/docs/static/index.html')
  t.equal(moved.statusCode, 302)
  t.equal(moved.headers.location, '/docs/')
  t.equal(moved.headers['content-type'], undefined)
})

t.test('an unknown docs path is a 404 problem, another method a 405', async (t) => {
  const app = await testApp(t)
  for (const url of ['/docs/nope', '/docs/static/nope.js', '/docs/static/../../package.json']) {
    const missing = await app.inject(url)
    t.equal(missing.statusCode, 404, url)
    t.equal(missing.json().code, 'NOT_FOUND', url)
  }
  const posted = await app.inject({ method: 'POST', url: '/docs/' })
  t.equal(posted.statusCode, 405)
  t.equal(posted.headers.allow, 'GET, HEAD')
})
