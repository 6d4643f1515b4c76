package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// This file is the stand-in for a real web API: a catalogue of items behind
// a cursor-paginated list endpoint and a per-item detail endpoint, with the
// latency of a service on the other side of a network. Nothing in it uses
// itergen; it only gives the pipelines something realistic to talk to.
//
//	GET /items?cursor=C&limit=N  → {"items": [{"id": 1, "name": "…"}, …], "next": "C2"}
//	GET /items/{id}              → {"id": 1, "name": "…", "category": "…", "price_cents": 1234}
//
// "next" is empty on the last page. Cursors are opaque to the client, as
// they are in most real APIs, so the only way through the list is to follow
// them one page at a time — which is exactly what seq.Paginate does.

// Item is one entry of a list page: just enough to ask for the details.
type Item struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// Detail is what /items/{id} returns. It is comparable, so the results of
// two pipelines can be compared with slices.Equal.
type Detail struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	PriceCents int    `json:"price_cents"`
}

// listPage is the body of GET /items.
type listPage struct {
	Items []Item `json:"items"`
	Next  string `json:"next"`
}

// maxLimit is the largest page the API hands out, as real APIs cap it.
const maxLimit = 100

// latency is a delay range; each request gets a fixed point in it, chosen
// from the request's key, so every run of the demo sees the same delays.
type latency struct{ min, max time.Duration }

func (l latency) of(key int) time.Duration {
	if l.max <= l.min {
		return l.min
	}
	h := uint64(key)*2654435761 + 12345 // Knuth's multiplicative hash
	return l.min + (l.max-l.min)*time.Duration(h%101)/100
}

func (l latency) String() string {
	return fmt.Sprintf("%v–%v", l.min, l.max)
}

// api serves the catalogue described by a config.
type api struct {
	items         int
	deletedID     int // listed, but its detail is 404: deleted after listing
	failID        int // its detail is a 500, to show an error ending a run
	pageLatency   latency
	detailLatency latency
}

// newServer starts the API on a loopback port. The caller closes it; Close
// waits for the handlers still running, which is quick because every
// handler stops waiting as soon as its request is cancelled.
func newServer(cfg config) *httptest.Server {
	a := &api{
		items:         cfg.items,
		deletedID:     cfg.deletedID,
		failID:        cfg.failID,
		pageLatency:   cfg.pageLatency,
		detailLatency: cfg.detailLatency,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", a.list)
	mux.HandleFunc("GET /items/{id}", a.detail)
	return httptest.NewServer(mux)
}

func (a *api) list(w http.ResponseWriter, r *http.Request) {
	offset, err := decodeCursor(r.FormValue("cursor"))
	if err != nil || offset > a.items {
		writeError(w, http.StatusBadRequest, "bad cursor")
		return
	}
	limit := 20
	if s := r.FormValue("limit"); s != "" {
		limit, err = strconv.Atoi(s)
		if err != nil || limit < 1 || limit > maxLimit {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("limit must be 1 to %d", maxLimit))
			return
		}
	}
	if !pause(r.Context(), a.pageLatency.of(offset+limit)) {
		return // the client is gone; nobody would read the answer
	}
	end := min(offset+limit, a.items)
	page := listPage{Items: make([]Item, 0, end-offset)}
	for id := offset + 1; id <= end; id++ {
		page.Items = append(page.Items, Item{ID: id, Name: itemName(id)})
	}
	if end < a.items {
		page.Next = encodeCursor(end)
	}
	writeJSON(w, http.StatusOK, page)
}

func (a *api) detail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad id")
		return
	}
	if !pause(r.Context(), a.detailLatency.of(id)) {
		return
	}
	switch {
	case id < 1 || id > a.items || id == a.deletedID:
		writeError(w, http.StatusNotFound, "no such item")
	case id == a.failID:
		writeError(w, http.StatusInternalServerError, "database unavailable")
	default:
		writeJSON(w, http.StatusOK, Detail{
			ID:         id,
			Name:       itemName(id),
			Category:   categories[id*7%len(categories)],
			PriceCents: 199 + id*7919%9800,
		})
	}
}

// pause stands in for the time a real service spends working. It selects on
// the request's context rather than calling time.Sleep, so a cancelled
// client frees the handler at once: the server side of a clean shutdown.
func pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Cursors look like a real API's: base64 of an offset the client should not
// parse. The client passes back whatever "next" said.
const cursorPrefix = "offset:"

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, err
	}
	s, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return 0, fmt.Errorf("cursor %q: no offset", c)
	}
	n, err := strconv.Atoi(s)
	if err == nil && n < 0 {
		err = fmt.Errorf("cursor %q: negative offset", c)
	}
	return n, err
}

var (
	categories = []string{"books", "games", "garden", "kitchen", "tools"}
	adjectives = []string{"Amber", "Brisk", "Cobalt", "Dapper", "Ember", "Fable",
		"Gilded", "Hollow", "Ivory", "Jade", "Kindred", "Lunar"}
	nouns = []string{"Lantern", "Compass", "Kettle", "Atlas", "Trowel", "Puzzle",
		"Ledger", "Chisel", "Teapot", "Marble", "Quill"}
)

// itemName gives every id up to 132 a different, stable name.
func itemName(id int) string {
	return adjectives[id%len(adjectives)] + " " + nouns[id/len(adjectives)%len(nouns)]
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// An encoding error here means the client went away mid-response;
	// there is no one left to tell.
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
