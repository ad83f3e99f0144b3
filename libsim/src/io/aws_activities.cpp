#include "autoscalesim/io/aws_activities.hpp"

#include "detail/aws_json.hpp"
#include "detail/json_docs.hpp"
#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/aws_policy.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <deque>
#include <map>
#include <set>

// docs/calibrate.md lists the fields read, with the AWS page that defines them.

namespace autoscalesim::io {

namespace {

using detail::fail;
using detail::find;
using detail::loc;
using detail::need;
using detail::text_of;
using nlohmann::json;

constexpr std::string_view activity_fields[] = {
    "ActivityId", "ServiceNamespace", "ResourceId", "ScalableDimension", "Description",
    "Cause",      "StartTime",        "EndTime",    "StatusCode",        "StatusMessage",
    "Details",    "NotScaledReasons"};

constexpr std::string_view status_codes[] = {"Pending",    "InProgress",  "Successful",
                                             "Overridden", "Unfulfilled", "Failed"};

const std::string expected_shape =
    "expected the output of aws application-autoscaling describe-scaling-activities "
    "({\"ScalingActivities\": [...]})";

time_ms timestamp_of(const json& v, const loc& w) {
    time_ms ms = 0;
    std::string why;
    if (v.is_string()) {
        if (!detail::parse_iso8601_ms(v.get_ref<const std::string&>(), false, ms, why)) {
            fail(w, "timestamp " + detail::got(v) + ": " + why);
        }
        return ms;
    }
    if (v.is_number()) { // epoch seconds, as AWS CLI v1 prints
        if (!detail::parse_epoch_ms(detail::format_double(v.get<double>()), 1000.0, ms)) {
            fail(w, "timestamp " + v.dump() + " is out of range");
        }
        return ms;
    }
    fail(w, "expected a timestamp (an ISO-8601 string or epoch seconds), got " + detail::got(v));
}

// What "... count to N" says (Description "Setting desired instance count to 3.", StatusMessage
// "Successfully set desired instance count to 3. ...").
struct count_text {
    enum class kind : std::uint8_t {
        none,      ///< no "count to", or a word that is no number ("count to N.")
        whole,     ///< a whole number >= 0, in value
        malformed, ///< a number that is not a whole one >= 0: "2.5", "1e2", "-1"
        too_large, ///< beyond a billion (no endpoint has that many: a corrupted export)
    };
    kind what = kind::none;
    int value = -1;
    std::string_view number{}; ///< the word read as the count (malformed, too_large)
};

count_text count_set(std::string_view text) {
    static constexpr std::string_view marker = "count to ";
    const auto at = text.find(marker);
    if (at == text.npos) return {};
    // The word after the marker, up to a space, comma, semicolon or bracket; a period ending the
    // sentence is not part of it ("to 3." and "to 3. Change successfully fulfilled ...").
    const std::size_t first = at + marker.size();
    std::size_t end = first;
    while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end])) == 0 &&
           text[end] != ',' && text[end] != ';' && text[end] != ')') {
        ++end;
    }
    std::string_view word = text.substr(first, end - first);
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    const bool numeric = !word.empty() && (digit(word[0]) || word[0] == '-' || word[0] == '+' ||
                                           (word[0] == '.' && word.size() > 1 && digit(word[1])));
    if (!numeric) return {};
    if (!std::all_of(word.begin(), word.end(), digit)) {
        return {count_text::kind::malformed, -1, word};
    }
    long long n = 0;
    for (const char c : word) {
        n = n * 10 + (c - '0');
        if (n > 1'000'000'000) return {count_text::kind::too_large, -1, word};
    }
    return {count_text::kind::whole, static_cast<int>(n), word};
}

bool same(const aws_activity& a, const aws_activity& b) {
    return a.start_epoch_ms == b.start_epoch_ms && a.end_epoch_ms == b.end_epoch_ms &&
           a.ended == b.ended && a.status == b.status && a.to == b.to &&
           a.description == b.description && a.cause == b.cause;
}

class reader {
public:
    explicit reader(std::string resource_id) : wanted_(std::move(resource_id)) {}

    void file(std::string_view text, const std::string& name) {
        names_ += (names_.empty() ? "" : ", ") + name;
        for (auto& doc : detail::aws_documents(text, name)) {
            labels_.push_back(std::move(doc.label));
            const loc w{&labels_.back(), ""};
            const json& v = doc.value;
            if (v.is_array()) { // pages collected into one array (jq -s)
                if (v.empty()) fail(w, expected_shape + "; found an empty array");
                for (std::size_t k = 0; k < v.size(); ++k)
                    page(v[k], w / k);
            } else {
                page(v, w);
            }
        }
    }

    aws_activities finish() {
        if (names_.empty()) throw config_error("read_aws_activities: no file given");
        if (pages_ > 0 && pages_ == pages_with_token_) {
            throw config_error(error_location{names_, 0, ""},
                               "incomplete describe-scaling-activities output: every page has a "
                               "NextToken, so the last page is missing (run it without "
                               "--max-items, or fetch the rest with --starting-token)");
        }
        aws_activities out;
        if (by_resource_.empty()) {
            if (!wanted_.empty()) {
                throw config_error(error_location{names_, 0, ""},
                                   "no scaling activity for resource_id " +
                                       detail::quoted(wanted_) + " (the files list none)");
            }
            out.resource_id = wanted_;
            return out; // an endpoint that never scaled lists no activity
        }
        std::string resource = wanted_;
        if (resource.empty()) {
            if (by_resource_.size() > 1) {
                throw config_error(
                    error_location{names_, 0, ""},
                    "the files list the activities of several variants (" + resources() +
                        "); choose one with resource_id (the command's --resource-id)");
            }
            resource = by_resource_.begin()->first;
        } else if (by_resource_.count(resource) == 0) {
            throw config_error(error_location{names_, 0, ""},
                               "no scaling activity for resource_id " + detail::quoted(resource) +
                                   " (the files list " + resources() + ")");
        }
        out.resource_id = resource;
        out.listed = std::move(by_resource_[resource]);
        std::stable_sort(out.listed.begin(), out.listed.end(),
                         [](const aws_activity& a, const aws_activity& b) {
                             return a.start_epoch_ms < b.start_epoch_ms;
                         });
        return out;
    }

private:
    void page(const json& doc, const loc& w) {
        if (!doc.is_object() || !doc.contains("ScalingActivities")) {
            fail(w, expected_shape + "; found " + detail::describe_json(doc));
        }
        for (const auto& item : doc.items()) {
            if (item.key() != "ScalingActivities" && item.key() != "NextToken") {
                fail(w / item.key(), "unknown field of describe-scaling-activities output "
                                     "(expected \"ScalingActivities\" and \"NextToken\")");
            }
        }
        ++pages_;
        // (a saved SDK response may write the last page's token as null)
        if (const json* token = find(doc, "NextToken"); token != nullptr && !token->is_null()) {
            if (!text_of(*token, w / "NextToken").empty()) ++pages_with_token_;
        }
        const json& list = detail::array_of(doc["ScalingActivities"], w / "ScalingActivities");
        for (std::size_t i = 0; i < list.size(); ++i) {
            activity(detail::object_of(list[i], w / "ScalingActivities" / i),
                     w / "ScalingActivities" / i);
        }
    }

    void activity(const json& o, const loc& w) {
        detail::known_fields(o, w, "a scaling activity", activity_fields);
        const std::string ns = text_of(need(o, "ServiceNamespace", w), w / "ServiceNamespace");
        const std::string dim = text_of(need(o, "ScalableDimension", w), w / "ScalableDimension");
        const std::string resource = text_of(need(o, "ResourceId", w), w / "ResourceId");
        if (ns != "sagemaker" || dim != sagemaker_variant_dimension) {
            // another service's or an inference component's activity: not this variant's
            skipped_.insert(ns + " " + dim);
            return;
        }
        aws_activity a;
        a.where = w.text();
        a.id = text_of(need(o, "ActivityId", w), w / "ActivityId");
        a.start_epoch_ms = timestamp_of(need(o, "StartTime", w), w / "StartTime");
        a.end_epoch_ms = a.start_epoch_ms;
        if (const json* end = find(o, "EndTime")) {
            a.end_epoch_ms = timestamp_of(*end, w / "EndTime");
            a.ended = true;
            if (a.end_epoch_ms < a.start_epoch_ms) {
                fail(w / "EndTime", "ends before its StartTime");
            }
        }
        a.status = text_of(need(o, "StatusCode", w), w / "StatusCode");
        if (std::find(std::begin(status_codes), std::end(status_codes), a.status) ==
            std::end(status_codes)) {
            fail(w / "StatusCode", detail::quoted(a.status) +
                                       ": expected Pending, InProgress, Successful, Overridden, "
                                       "Unfulfilled or Failed");
        }
        a.description = text_of(need(o, "Description", w), w / "Description");
        if (const json* cause = find(o, "Cause")) a.cause = text_of(*cause, w / "Cause");
        // The count set, from the Description, else the StatusMessage; a count written but not
        // a whole number >= 0 is an error whatever the status (read as its leading digits, "2.5"
        // would be 2).
        const std::string activity_named = "activity " + detail::quoted(a.id);
        const auto count_of = [&](const std::string& key, const std::string& text) {
            const count_text c = count_set(text);
            if (c.what == count_text::kind::malformed) {
                fail(w / key, detail::quoted(text) + ": the count " + detail::quoted(c.number) +
                                  " is not a whole number >= 0 (" + activity_named +
                                  "; expected \"Setting desired instance count to N.\")");
            }
            if (c.what == count_text::kind::too_large) {
                fail(w / key, detail::quoted(text) +
                                  ": the instance count is out of range (at most 1000000000; " +
                                  activity_named + ")");
            }
            return c.value;
        };
        a.to = count_of("Description", a.description);
        if (a.to < 0) {
            if (const json* msg = find(o, "StatusMessage")) {
                a.to = count_of("StatusMessage", text_of(*msg, w / "StatusMessage"));
            }
        }
        if (a.status == "Successful" && a.to < 0) {
            fail(w / "Description", detail::quoted(a.description) +
                                        ": names no count (expected \"Setting desired instance "
                                        "count to N.\"; " +
                                        activity_named + ")");
        }
        auto& list = by_resource_[resource];
        auto& seen = ids_[resource];
        const auto it = seen.find(a.id);
        if (it != seen.end()) {
            const aws_activity& first = list[it->second];
            if (!same(first, a)) {
                fail(w / "ActivityId", "activity " + detail::quoted(a.id) + " is listed twice " +
                                           "with different fields (first at " + first.where + ")");
            }
            return; // overlapping pages
        }
        seen.emplace(a.id, list.size());
        list.push_back(std::move(a));
    }

    std::string resources() const {
        std::string s;
        for (const auto& [r, list] : by_resource_)
            s += (s.empty() ? "" : ", ") + detail::quoted(r);
        return s;
    }

    std::string wanted_;
    std::string names_;
    std::deque<std::string> labels_; // stable addresses for loc
    std::map<std::string, std::vector<aws_activity>> by_resource_;
    std::map<std::string, std::map<std::string, std::size_t>> ids_;
    std::set<std::string> skipped_;
    std::size_t pages_ = 0, pages_with_token_ = 0;
};

} // namespace

aws_activities read_aws_activities(const std::vector<std::string>& paths,
                                   const std::string& resource_id) {
    reader r(resource_id);
    for (const auto& p : paths)
        r.file(detail::read_file(p), p);
    return r.finish();
}

aws_activities
parse_aws_activities(const std::vector<std::pair<std::string, std::string>>& documents,
                     const std::string& resource_id) {
    reader r(resource_id);
    for (const auto& [name, text] : documents)
        r.file(text, name);
    return r.finish();
}

observed_scaling successful_activities(const aws_activities& listed, time_ms origin_epoch_ms,
                                       time_ms end_epoch_ms, int initial_capacity) {
    observed_scaling out;
    out.initial_capacity = initial_capacity;
    int current = initial_capacity;
    for (const auto& a : listed.listed) {
        if (a.status != "Successful") continue;
        if (a.start_epoch_ms >= end_epoch_ms) break;
        if (a.start_epoch_ms < origin_epoch_ms) {
            current = a.to;
            out.initial_capacity = a.to;
            continue;
        }
        activity s;
        s.start_ms = a.start_epoch_ms - origin_epoch_ms;
        s.end_ms = a.end_epoch_ms - origin_epoch_ms;
        s.from = current;
        s.to = a.to;
        s.cause = a.cause;
        current = a.to;
        out.activities.push_back(std::move(s));
    }
    return out;
}

} // namespace autoscalesim::io
