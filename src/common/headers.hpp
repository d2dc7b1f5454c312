// An ordered list of HTTP header fields with case-insensitive lookup. Names keep the
// case they arrived in; find()/all() compare ASCII case-insensitively.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ossd {

class Headers {
 public:
  using Field = std::pair<std::string, std::string>;

  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  // Replaces every field of that name with one field.
  void set(std::string_view name, std::string value);
  void remove(std::string_view name);
  // First value of the field, or nullopt.
  std::optional<std::string_view> find(std::string_view name) const;
  std::string_view get(std::string_view name) const { return find(name).value_or(""); }
  bool has(std::string_view name) const { return find(name).has_value(); }
  std::vector<std::string_view> all(std::string_view name) const;

  const std::vector<Field>& fields() const { return fields_; }
  auto begin() const { return fields_.begin(); }
  auto end() const { return fields_.end(); }
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace ossd
