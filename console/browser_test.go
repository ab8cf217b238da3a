package console_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/minikinesis/minikinesis"
	"github.com/minikinesis/minikinesis/console"
	"github.com/minikinesis/minikinesis/kinesishttp"
)

// screenshotEnv names the file the browser test writes the console's
// screenshot to (the README's docs/console.png); unset, it goes to a
// temporary directory.
const screenshotEnv = "CONSOLE_SCREENSHOT"

// requireBrowserEnv, when set, makes a missing Chromium a failure: .ci/run
// installs Debian's chromium and sets it, so CI always runs the browser.
const requireBrowserEnv = "MINIKINESIS_REQUIRE_BROWSER"

// chromium finds the browser: $CHROMIUM, or one of the usual names on
// PATH. Without one the test skips, unless requireBrowserEnv is set.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "browser tests need Chromium: apt-get install chromium, or set CHROMIUM to its path"
	if os.Getenv(requireBrowserEnv) != "" {
		t.Fatal(msg + " (" + requireBrowserEnv + " is set: they must run)")
	}
	t.Skip(msg)
	return ""
}

// browser is a headless Chromium page of 1280x800.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, chromedp.WindowSize(1280, 800), chromedp.Flag("lang", "en-US"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// waitFor polls a JavaScript predicate until it holds, failing the test
// with what it waited for.
func waitFor(t *testing.T, ctx context.Context, what, predicate string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
		t.Fatalf("waiting for %s (%s): %v\npage text:\n%s", what, predicate, err, text)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

// setValue sets a form control's value as a user's choice would, firing
// its change event.
func setValue(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q; e.dispatchEvent(new Event("change")); })()`, id, value))
}

// rowsJS lists the record table's partition keys, newest first.
const rowsJS = `[...document.querySelectorAll("#record-table tbody tr")].map(r => r.cells[2].textContent)`

// TestConsoleInABrowser drives the page in Chromium against the real
// handler stack while the Go SDK produces: create a stream from the
// page, see SDK records in the live tail, search a key, read as JSON,
// inject and remove a fault, advance the clock, and check the layout at
// 1280x800 and on a narrow window.
func TestConsoleInABrowser(t *testing.T) {
	ctx := browser(t)
	clock := minikinesis.NewManualClock(start)
	k := minikinesis.New(minikinesis.WithClock(clock))
	srv := httptest.NewServer(kinesishttp.NewHandler(k, kinesishttp.WithAdminHandler(console.New(console.SingleAccount(k)))))
	defer srv.Close()
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("x", "x", "")})

	// An empty account: the page says so.
	do(t, ctx, chromedp.Navigate(srv.URL+console.DefaultPath))
	waitFor(t, ctx, "the empty stream list", `!document.getElementById("no-streams").hidden`)
	assert.Equal(t, "2026-01-02T15:04:05Z", eval[string](t, ctx, `document.getElementById("now").textContent`))

	// Create a stream from the page, with the keyboard.
	do(t, ctx, chromedp.Click(chromedp.CSS("#create-box summary")),
		chromedp.SendKeys(chromedp.CSS(`#create input[name=name]`), "orders"),
		chromedp.SetValue(chromedp.CSS(`#create input[name=shards]`), "2"),
		chromedp.SendKeys(chromedp.CSS(`#create input[name=shards]`), "\r"))
	waitFor(t, ctx, "the new stream's page", `document.getElementById("stream-name").textContent === "orders"`)
	waitFor(t, ctx, "two open shards on the key-space bar", `document.querySelectorAll("#keyspace .range").length === 2`)

	// Produce with the SDK; the shard table counts, the live tail shows.
	entries := make([]types.PutRecordsRequestEntry, 0, 12)
	for i := range 12 {
		entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprintf("user-%d", i%4)),
			Data: fmt.Appendf(nil, `{"order":%d,"user":"user-%d","total":%d.50}`, i, i%4, 10+i)})
	}
	out, err := sdk.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("orders"), Records: entries})
	require.NoError(t, err)
	require.Zero(t, aws.ToInt32(out.FailedRecordCount))
	waitFor(t, ctx, "12 records/s in the shard table", `[...document.querySelectorAll("#shard-table tbody tr")].reduce((n, r) => n + Number(r.cells[3].textContent.trim().split(" ")[0]), 0) === 12`)

	// The tab list works with the arrow keys.
	do(t, ctx, chromedp.Focus(chromedp.ID("tab-shards")), chromedp.KeyEvent(kb.ArrowRight))
	waitFor(t, ctx, "the records tab", `!document.getElementById("records").hidden && document.activeElement.id === "tab-records"`)
	waitFor(t, ctx, "the 12 records in the tail", rowsJS+`.length === 12`)
	_, err = sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("late"), Data: []byte("arrived while watching")})
	require.NoError(t, err)
	waitFor(t, ctx, "the live tail to show a record put after it opened", rowsJS+`[0] === "late"`)

	// Pretty JSON, then a search by partition key from TRIM_HORIZON.
	setValue(t, ctx, "r-view", "json")
	assert.True(t, eval[bool](t, ctx, `[...document.querySelectorAll("#record-table pre")].some(p => p.textContent.startsWith('{\n  "order": 0,\n  "user": "user-0"'))`), "pretty JSON")
	setValue(t, ctx, "r-from", "TRIM_HORIZON")
	do(t, ctx, chromedp.SendKeys(chromedp.ID("r-key"), "user-3\r"))
	waitFor(t, ctx, "the search for user-3", rowsJS+`.join() === "user-3,user-3,user-3"`)

	// Put a record from the page; it lands in the stream.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#put input[name=key]`), "user-3"),
		chromedp.SendKeys(chromedp.CSS(`#put input[name=data]`), `{"from":"the page"}`+"\r"))
	waitFor(t, ctx, "the page's record in the search", rowsJS+`.length === 4`)
	s, err := k.Stream("orders")
	require.NoError(t, err)
	byKey, err := s.ReadAllByPartitionKey(ctx)
	require.NoError(t, err)
	require.Len(t, byKey["user-3"], 4)
	assert.Equal(t, `{"from":"the page"}`, string(byKey["user-3"][3].Data))

	// The README's screenshot: the tail of every shard, as JSON.
	setValue(t, ctx, "r-key", "")
	setValue(t, ctx, "r-from", "LATEST")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#browse button:not([type])`)))
	waitFor(t, ctx, "the full tail again", rowsJS+`.length === 14`)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(t, err)
	assert.Equal(t, 1280, img.Bounds().Dx())
	path := os.Getenv(screenshotEnv)
	if path == "" {
		path = t.TempDir() + "/console.png"
	}
	require.NoError(t, os.WriteFile(path, shot, 0o644))

	// A fault rule from the page fails the SDK's next PutRecord; removing
	// it from the page lets writes through again.
	eval[chromedp.Void](t, ctx, `document.querySelector("#fault select[name=op]").value = "PutRecord"`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`#fault button`)))
	waitFor(t, ctx, "the listed fault rule", `document.querySelectorAll("#faults li").length === 1`)
	_, err = sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("x")})
	var throttled *types.ProvisionedThroughputExceededException
	require.True(t, errors.As(err, &throttled), "got %v", err)
	waitFor(t, ctx, "the rule's fired count", `document.querySelector("#faults li").textContent.includes("fired 1 of 1")`)
	do(t, ctx, chromedp.Click(chromedp.CSS("#faults li button")))
	waitFor(t, ctx, "the rule gone", `document.querySelectorAll("#faults li").length === 0`)
	assert.Empty(t, k.Faults())

	// Advance the manual clock past retention: the page shows the new
	// time, and the shards keep nothing.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#advance [data-by="24h"]`)), chromedp.Click(chromedp.CSS(`#advance [data-by="1h"]`)))
	waitFor(t, ctx, "the advanced clock", `document.getElementById("now").textContent === "2026-01-03T16:04:05Z"`)
	assert.True(t, start.Add(25*time.Hour).Equal(clock.Now()))
	do(t, ctx, chromedp.Click(chromedp.ID("tab-shards")))
	waitFor(t, ctx, "records aged out", `[...document.querySelectorAll("#shard-table tbody tr")].every(r => r.cells[2].textContent === "0")`)

	// Readable on a narrow window: nothing runs off the side.
	do(t, ctx, chromedp.EmulateViewport(420, 800))
	waitFor(t, ctx, "the narrow layout", `getComputedStyle(document.querySelector(".layout")).gridTemplateColumns.split(" ").length === 1`)
	assert.LessOrEqual(t, eval[int](t, ctx, `document.documentElement.scrollWidth`), 420, "no horizontal scrolling at 420 px: %s",
		eval[string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 420).map(e => e.tagName + "#" + e.id + "." + e.className + ":" + e.getBoundingClientRect().right).join(" ")`))
}
