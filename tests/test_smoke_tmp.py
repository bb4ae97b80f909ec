def test_progress_counts_a_done_todo(cetl):
    r = cetl("todo", "done", "3.t1")
    assert r.exit_code == 0, r.output
    import json
    r = cetl("progress", "--json")
    data = json.loads(r.stdout)
    ib = next(a for a in data["skill_areas"] if a["code"] == "I.B")
    assert ib["todos_done"] == 1
