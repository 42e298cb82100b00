// Golden files: compares text with a file under version control, or rewrites the file when
// UPDATE_GOLDEN=1, so an intended change shows up as a readable `git diff` for review. Shared by the
// planner's and the reports' golden tests.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'

const root = path.resolve(__dirname, '../..')

/** `testFile` is the calling test's __filename, named in the rerun command the failures print. */
export function matchGolden(file: string, text: string, testFile: string): void {
  const rerun = `UPDATE_GOLDEN=1 node --import tsx --test ${path.relative(root, testFile)}`
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, text)
    return
  }
  assert.ok(fs.existsSync(file), `${file} is missing: run ${rerun}`)
  assert.equal(
    text,
    fs.readFileSync(file, 'utf8'),
    `${path.relative(root, file)} differs. If the change is intended, run ${rerun} and review git diff ${path.relative(root, path.dirname(file))}`,
  )
}
