/// A binary min-heap of timed events for the continuous-time models: who is affected, by whom,
/// and in which infectious period of the source (`epoch`), so stale events can be skipped.
struct EventQueue {
    struct Event {
        var time: Double
        var node: Int32
        /// The agent that causes it, or a model-defined mark (e.g. abandonment).
        var source: Int32
        var epoch: UInt32
    }

    private(set) var events: [Event] = []

    var isEmpty: Bool { events.isEmpty }
    var first: Event? { events.first }

    mutating func removeAll() { events.removeAll(keepingCapacity: true) }

    mutating func push(_ e: Event) {
        events.append(e)
        var i = events.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if events[parent].time <= e.time { break }
            events[i] = events[parent]
            i = parent
        }
        events[i] = e
    }

    mutating func pop() -> Event {
        let top = events[0]
        let last = events.removeLast()
        if !events.isEmpty {
            var i = 0
            let n = events.count
            while true {
                let l = 2 * i + 1
                if l >= n { break }
                let c = l + 1 < n && events[l + 1].time < events[l].time ? l + 1 : l
                if events[c].time >= last.time { break }
                events[i] = events[c]
                i = c
            }
            events[i] = last
        }
        return top
    }
}
