/// The first actions of a list a finding quotes, then how many there are in all when the list
/// goes on: `a, b, c, … (812 in all)`.
///
/// Written by appending into one reserved string: EB-IAM-008 and EB-IAM-012 quote such a list for
/// most roles of a fleet, and the generic `joined(separator:)` cost more than the rest of the text.
func actionSample(_ first: [String], total: Int) -> String {
    let more = total > first.count ? ", … (\(total) in all)" : ""
    var text = ""
    text.reserveCapacity(first.reduce(more.utf8.count) { $0 + $1.utf8.count + 2 })
    for (position, name) in first.enumerated() {
        if position > 0 { text += ", " }
        text += name
    }
    return text + more
}
