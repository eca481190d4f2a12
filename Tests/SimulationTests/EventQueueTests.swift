import Testing
import NumericCore
@testable import Simulation

/// The continuous-time models' event heap: events come out in time order whatever order they went
/// in, interleaved pushes and pops included, with their payload intact.
@Suite("Event queue (continuous-time models)")
struct EventQueueTests {
    @Test("pops in time order, against sorting, with pushes between pops")
    func heapOrder() {
        var rng = Xoshiro256PlusPlus(seed: 9)
        var queue = EventQueue()
        var reference: [(time: Double, node: Int32)] = []
        var popped: [(time: Double, node: Int32)] = []
        for round in 0..<50 {
            for j in 0..<Int(rng.nextInt(below: 40)) {
                // Coarse times, so ties occur; a tie may come out in either order, the time may not.
                let time = Double(rng.nextInt(below: 200)) / 8
                let node = Int32(round * 100 + j)
                queue.push(.init(time: time, node: node, source: node &+ 1, epoch: UInt32(round)))
                reference.append((time, node))
            }
            for _ in 0..<Int(rng.nextInt(below: 30)) where !queue.isEmpty {
                let next = queue.first!.time
                let e = queue.pop()
                #expect(e.time == next && e.source == e.node &+ 1 && e.epoch == UInt32(e.node / 100))
                // Nothing left in the queue is earlier than what came out.
                #expect(queue.events.allSatisfy { $0.time >= e.time })
                popped.append((e.time, e.node))
            }
        }
        while !queue.isEmpty { let e = queue.pop(); popped.append((e.time, e.node)) }
        #expect(popped.count == reference.count)
        #expect(Set(popped.map(\.node)) == Set(reference.map(\.node)))
        queue.push(.init(time: 1, node: 0, source: -1, epoch: 0))
        queue.removeAll()
        #expect(queue.isEmpty && queue.first == nil)
    }

    @Test("drained without interleaving, the times come out sorted")
    func drainSorted() {
        var rng = Xoshiro256PlusPlus(seed: 4)
        var queue = EventQueue()
        let times = (0..<1000).map { _ in rng.nextUnitDouble() * 10 }
        for (i, t) in times.enumerated() { queue.push(.init(time: t, node: Int32(i), source: -1, epoch: 0)) }
        var out: [Double] = []
        while !queue.isEmpty { out.append(queue.pop().time) }
        #expect(out == times.sorted())
    }
}
