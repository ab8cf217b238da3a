package console

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed ui
var assets embed.FS

// page serves the data viewer: index.html at the console's path, and its
// script and style sheet beside it. Everything is embedded; the page
// loads nothing from elsewhere, so it works offline.
func (c *Console) page() http.Handler {
	sub, err := fs.Sub(assets, "ui")
	if err != nil {
		panic(err) // the embedded tree always has ui/
	}
	files := http.StripPrefix(c.cfg.path, http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "The console's page answers GET only.", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}
