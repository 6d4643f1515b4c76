package seq_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/itergen/itergen/seq"
)

func ExampleLines() {
	r := strings.NewReader("GET /a 200\r\nGET /b 404\nGET /c 200")
	for line, err := range seq.Lines(r) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("%q\n", line)
	}
	// Output:
	// "GET /a 200"
	// "GET /b 404"
	// "GET /c 200"
}

func ExampleDecodeJSON() {
	// An API that answers with a JSON array: Python's response.json(), but
	// decoded one element at a time as the body arrives.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `[{"id": 1, "name": "ada"}, {"id": "two", "name": "alan"}, {"id": 3, "name": "grace"}]`)
	}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/users")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer resp.Body.Close()

	type User struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	for u, err := range seq.DecodeJSON[User](resp.Body) {
		if err != nil {
			// A user that does not fit User is an error in its place;
			// decoding goes on with the next.
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(u.ID, u.Name)
	}
	// Output:
	// 1 ada
	// error: json: cannot unmarshal string into Go struct field User.id of type int
	// 3 grace
}

func ExampleDecodeJSON_ndjson() {
	r := strings.NewReader(`{"level": "info", "msg": "started"}
{"level": "warn", "msg": "slow disk"}
{"level": "info", "msg": "done"}
`)
	type entry struct {
		Level, Msg string
	}
	warnings := seq.Filter(seq.DecodeJSON[entry](r), func(e entry) bool { return e.Level == "warn" })
	for e, err := range warnings {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(e.Msg)
	}
	// Output:
	// slow disk
}
