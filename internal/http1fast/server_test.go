package http1fast

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testServer runs a Server whose handler answers "fast <body>" and whose
// fallback answers "fallback <method> <path> <body>"; it takes POST /.
func testServer(t *testing.T, handler http.Handler) (*Server, string) {
	t.Helper()
	if handler == nil {
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(r.Body)
			require.NoError(t, err)
			answer := "fast " + string(body)
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Length", strconv.Itoa(len(answer)))
			_, _ = io.WriteString(w, answer)
		})
	}
	fallback := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "fallback %s %s %s", r.Method, r.URL.Path, body)
	}), ErrorLog: nil}
	s := &Server{Handler: handler, Takes: func(r *http.Request) bool { return r.URL.Path == "/" }, Fallback: fallback,
		ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	t.Cleanup(func() {
		_ = s.Close()
		assert.ErrorIs(t, <-served, ErrServerClosed)
	})
	return s, ln.Addr().String()
}

func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	require.NoError(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	return c, bufio.NewReader(c)
}

func post(path, body string, extra ...string) string {
	return "POST " + path + " HTTP/1.1\r\nHost: test\r\n" + strings.Join(extra, "") +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

func readAnswer(t *testing.T, r *bufio.Reader) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(r, nil)
	require.NoError(t, err)
	for resp.StatusCode == http.StatusContinue {
		resp, err = http.ReadResponse(r, nil)
		require.NoError(t, err)
	}
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

func TestAnswersPipelinedRequestsOnOneConnection(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, nil)
	c, r := dial(t, addr)
	_, err := io.WriteString(c, post("/", "one")+post("/", "")+post("/?x=1", "three"))
	require.NoError(t, err)
	for _, want := range []string{"fast one", "fast ", "fast three"} {
		resp, body := readAnswer(t, r)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, want, body)
		assert.Equal(t, int64(len(want)), resp.ContentLength)
		assert.Equal(t, "text/plain", resp.Header.Get("Content-Type"))
		_, err := http.ParseTime(resp.Header.Get("Date"))
		assert.NoError(t, err, "a Date header, which the SDKs read for clock skew")
		assert.False(t, resp.Close)
	}
}

// TestHandsOverWhatItDoesNotTake: every request this server leaves alone
// reaches net/http whole, and the connection stays net/http's.
func TestHandsOverWhatItDoesNotTake(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, request, want string
	}{
		{"not taken", post("/other", "b"), "fallback POST /other b"},
		{"GET", "GET / HTTP/1.1\r\nHost: test\r\n\r\n", "fallback GET / "},
		{"HTTP/1.0", "POST / HTTP/1.0\r\nHost: test\r\nContent-Length: 1\r\n\r\nb", "fallback POST / b"},
		{"chunked", "POST / HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n", "fallback POST / b"},
		{"no length", "POST / HTTP/1.1\r\nHost: test\r\n\r\n", "fallback POST / "},
		{"two lengths", "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nb", "fallback POST / b"},
		{"expect", post("/", "b", "Expect: 100-continue\r\n"), "fallback POST / b"},
		{"upgrade", post("/", "b", "Upgrade: h2c\r\nConnection: Upgrade\r\n"), "fallback POST / b"},
		{"head longer than the buffer", post("/", "b", "X-Big: "+strings.Repeat("x", readBufferSize)+"\r\n"), "fallback POST / b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, addr := testServer(t, nil)
			c, r := dial(t, addr)
			_, err := io.WriteString(c, tt.request)
			require.NoError(t, err)
			resp, body := readAnswer(t, r)
			assert.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.want, body)
			if resp.Close {
				return // HTTP/1.0
			}
			_, err = io.WriteString(c, post("/", "after"))
			require.NoError(t, err)
			_, body = readAnswer(t, r)
			assert.Equal(t, "fallback POST / after", body, "a connection handed over stays handed over")
		})
	}
}

func TestMalformedHeadGetsNetHTTPsAnswer(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, nil)
	c, r := dial(t, addr)
	_, err := io.WriteString(c, "POST / HTTP/1.1\r\nHost: test\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n")
	require.NoError(t, err)
	resp, _ := readAnswer(t, r)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestFastThenHandedOver(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, nil)
	c, r := dial(t, addr)
	_, err := io.WriteString(c, post("/", "a")+"GET /page HTTP/1.1\r\nHost: test\r\n\r\n")
	require.NoError(t, err)
	_, body := readAnswer(t, r)
	assert.Equal(t, "fast a", body)
	_, body = readAnswer(t, r)
	assert.Equal(t, "fallback GET /page ", body)
}

// TestWritesResponses: however the handler writes, the answer is one
// well-formed response, and the connection survives unless the body fell
// short of its declared length.
func TestWritesResponses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name       string
		handler    http.HandlerFunc
		status     int
		body       string
		closeAfter bool // the connection closes after this answer
	}{
		{"nothing written", func(http.ResponseWriter, *http.Request) {}, 200, "", false},
		{"status only", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }, 418, "", false},
		{"undeclared, in pieces", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "ab")
			_, _ = io.WriteString(w, "cd")
		}, 200, "abcd", false},
		{"declared, in pieces", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "4")
			_, _ = io.WriteString(w, "ab")
			_, _ = io.WriteString(w, "cd")
			_, err := io.WriteString(w, "e")
			assert.ErrorIs(t, err, errBodyTooLong)
		}, 200, "abcd", false},
		{"declared, short", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "4")
			_, _ = io.WriteString(w, "ab")
		}, 200, "ab", true},
		{"handler asks to close", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Connection", "close")
			_, _ = io.WriteString(w, "bye")
		}, 200, "bye", true},
		{"body left unread", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }, 200, "ok", false},
		{"value with a newline", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("X-Odd", "a\r\nInjected: yes")
			_, _ = io.WriteString(w, "ok")
		}, 200, "ok", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, addr := testServer(t, tt.handler)
			c, r := dial(t, addr)
			_, err := io.WriteString(c, post("/", "request body")+post("/", "again"))
			require.NoError(t, err)
			if tt.closeAfter {
				status, head := rawHead(t, r)
				assert.Contains(t, status, strconv.Itoa(tt.status))
				if tt.name == "handler asks to close" {
					assert.Contains(t, head, "Connection: close")
				} // a short body is found out after its head has gone
				rest, _ := io.ReadAll(r)
				assert.Equal(t, tt.body, string(rest), "then the connection closes")
				return
			}
			for range 2 {
				resp, body := readAnswer(t, r)
				assert.Equal(t, tt.status, resp.StatusCode)
				assert.Equal(t, tt.body, body)
				assert.Empty(t, resp.Header.Get("Injected"))
			}
		})
	}
}

// rawHead reads a response's status line and head as sent.
func rawHead(t *testing.T, r *bufio.Reader) (string, string) {
	t.Helper()
	status, err := r.ReadString('\n')
	require.NoError(t, err)
	var head strings.Builder
	for {
		line, err := r.ReadString('\n')
		require.NoError(t, err)
		if line == "\r\n" {
			return status, head.String()
		}
		head.WriteString(line)
	}
}

func TestConnectionCloseIsHonoured(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, nil)
	c, r := dial(t, addr)
	_, err := io.WriteString(c, post("/", "x", "Connection: close\r\n"))
	require.NoError(t, err)
	resp, body := readAnswer(t, r)
	assert.Equal(t, "fast x", body)
	assert.True(t, resp.Close)
	_, err = r.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the server closed the connection")
}

func TestPanicClosesTheConnection(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	c, r := dial(t, addr)
	_, err := io.WriteString(c, post("/", "x"))
	require.NoError(t, err)
	_, err = r.ReadByte()
	assert.ErrorIs(t, err, io.EOF)
}

func TestResponseControllerBoundsTheBody(t *testing.T) {
	t.Parallel()
	failed := make(chan error, 1)
	_, addr := testServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, http.NewResponseController(w).SetReadDeadline(time.Now().Add(50*time.Millisecond)))
		_, err := io.ReadAll(r.Body)
		failed <- err
	}))
	c, _ := dial(t, addr)
	_, err := io.WriteString(c, "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 10\r\n\r\nabc")
	require.NoError(t, err)
	var netErr net.Error
	require.ErrorAs(t, <-failed, &netErr, "the deadline the handler set ends the stalled body")
	assert.True(t, netErr.Timeout())
}

// TestShutdownWaitsForRequestsAndClosesIdleConnections: Shutdown closes a
// connection between requests at once, lets a running request finish and
// answer, then returns.
func TestShutdownWaitsForRequestsAndClosesIdleConnections(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	s, addr := testServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("wait") != "" {
			close(entered)
			<-release
		}
		_, _ = io.WriteString(w, "done")
	}))
	idle, idleReader := dial(t, addr)
	_, err := io.WriteString(idle, post("/", ""))
	require.NoError(t, err)
	readAnswer(t, idleReader)
	busy, busyReader := dial(t, addr)
	_, err = io.WriteString(busy, post("/?wait=1", ""))
	require.NoError(t, err)
	<-entered

	shut := make(chan error, 1)
	go func() { shut <- s.Shutdown(context.Background()) }()
	_, err = idleReader.ReadByte()
	assert.ErrorIs(t, err, io.EOF, "the idle connection is closed")
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned with a request running: %v", err)
	default:
	}
	close(release)
	resp, body := readAnswer(t, busyReader)
	assert.Equal(t, "done", body)
	assert.True(t, resp.Close, "the last answer says the connection closes")
	require.NoError(t, <-shut)
	_, err = net.Dial("tcp", addr)
	assert.Error(t, err, "the listener is closed")
}

func TestShutdownHonoursItsContext(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	s, addr := testServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	}))
	c, _ := dial(t, addr)
	_, err := io.WriteString(c, post("/", ""))
	require.NoError(t, err)
	<-entered
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.True(t, errors.Is(s.Shutdown(ctx), context.Canceled))
}

// TestParallelClients: Go's own client, several connections at once,
// every answer its request's.
func TestParallelClients(t *testing.T) {
	t.Parallel()
	_, addr := testServer(t, nil)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	defer client.CloseIdleConnections()
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			for i := range 50 {
				want := fmt.Sprintf("%d-%d", g, i)
				resp, err := client.Post("http://"+addr+"/", "text/plain", strings.NewReader(want))
				if err != nil {
					errs <- err
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || string(body) != "fast "+want {
					errs <- fmt.Errorf("answer %q to %q (%v)", body, want, err)
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		assert.NoError(t, <-errs)
	}
}
