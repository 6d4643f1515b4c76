package seqtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/itergen/itergen/seq"
	"github.com/itergen/itergen/seq/seqtest"
)

// User is what the API lists.
type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

// Users is the producer under test: it follows the API's pages, two users
// at a time, until a page has no next page.
func Users(ctx context.Context, client *http.Client, base string) iter.Seq2[User, error] {
	return seq.Paginate(ctx, 1, func(ctx context.Context, page int) ([]User, int, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/users?page="+strconv.Itoa(page), nil)
		if err != nil {
			return nil, 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		var body struct {
			Users []User `json:"users"`
			Next  int    `json:"next"` // 0 on the last page
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		return body.Users, body.Next, err
	})
}

// fakeAPI serves five users, two per page.
func fakeAPI() http.Handler {
	names := []string{"Ada", "Grace", "Barbara", "Frances", "Radia"}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.FormValue("page"))
		var body struct {
			Users []User `json:"users"`
			Next  int    `json:"next"`
		}
		for i := 2 * (page - 1); i < min(2*page, len(names)); i++ {
			body.Users = append(body.Users, User{ID: i + 1, Name: names[i]})
		}
		if 2*page < len(names) {
			body.Next = page + 1
		}
		_ = json.NewEncoder(w).Encode(body)
	})
}

// In a test file, this is func TestUsers(t *testing.T), and the error goes
// to t.Fatal.
func Example_testUsers() {
	srv := httptest.NewServer(fakeAPI())
	defer srv.Close()

	err := seqtest.TestStream(func(ctx context.Context) iter.Seq2[User, error] {
		return Users(ctx, srv.Client(), srv.URL)
	}, seqtest.Reiterable(), seqtest.Cancellable())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Users keeps the stream contract")
	for u, err := range Users(context.Background(), srv.Client(), srv.URL) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(u.ID, u.Name)
	}
	// Output:
	// Users keeps the stream contract
	// 1 Ada
	// 2 Grace
	// 3 Barbara
	// 4 Frances
	// 5 Radia
}
