using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenesysSync.Emulator.Http;
using GenesysSync.Emulator.Json;
using GenesysSync.Emulator.Routing;

namespace GenesysSync.Emulator.Listing;

/// <summary>
/// pageSize/pageNumber paging as the external-contacts listings do it: only the first 1,000 records are reachable
/// (pageSize × pageNumber ≤ 1000 → else 400), pageSize default 20 and capped per route (100 for notes).
/// Writes the standard listing body {entities, pageSize, pageNumber, total, partialResults, firstUri, selfUri, nextUri?,
/// previousUri?, lastUri, pageCount}.
/// </summary>
internal sealed class PageRequest
{
    public const int Window = 1000;

    private PageRequest(int pageSize, int pageNumber)
    {
        PageSize = pageSize;
        PageNumber = pageNumber;
    }

    public int PageSize { get; }
    public int PageNumber { get; }

    public static PageRequest Read(RouteContext context, int maxPageSize = Window)
    {
        var pageSize = context.QueryInt("pageSize", 20, 1, maxPageSize);
        var pageNumber = context.QueryInt("pageNumber", 1, 1, int.MaxValue);
        if ((long)pageSize * pageNumber > Window)
        {
            throw Errors.BadRequest("pageSize × pageNumber must be at most 1000: only the first 1000 records can be paged to.");
        }
        return new PageRequest(pageSize, pageNumber);
    }

    /// <summary>Writes one page of <paramref name="all"/>; <paramref name="path"/> is the route path without query.</summary>
    public ApiResponse Write<T>(IReadOnlyList<T> all, string path, Action<Utf8JsonWriter, T> writeItem, string? extraQuery = null)
    {
        var page = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var pageCount = (all.Count + PageSize - 1) / PageSize;
        string Uri(int number) => path + "?pageSize=" + PageSize.ToString(CultureInfo.InvariantCulture)
            + "&pageNumber=" + number.ToString(CultureInfo.InvariantCulture) + (extraQuery ?? "");
        return ApiResponse.Json(200, JsonUtil.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("entities");
            foreach (var item in page) writeItem(w, item);
            w.WriteEndArray();
            w.WriteNumber("pageSize", PageSize);
            w.WriteNumber("pageNumber", PageNumber);
            w.WriteNumber("total", all.Count);
            w.WriteBoolean("partialResults", false);
            w.WriteString("firstUri", Uri(1));
            w.WriteString("selfUri", Uri(PageNumber));
            if (PageNumber < pageCount) w.WriteString("nextUri", Uri(PageNumber + 1));
            if (PageNumber > 1) w.WriteString("previousUri", Uri(PageNumber - 1));
            w.WriteString("lastUri", Uri(Math.Max(1, pageCount)));
            w.WriteNumber("pageCount", pageCount);
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Reads sortOrder "field[:asc|desc]" with field one of <paramref name="fields"/> (case-insensitive); null when absent.
    /// </summary>
    public static (string? Field, bool Descending) SortOrder(RouteContext context, params string[] fields)
    {
        var text = context.Request.QueryValue("sortOrder");
        if (string.IsNullOrEmpty(text)) return (null, false);
        var parts = text!.Split(':');
        var field = fields.FirstOrDefault(f => string.Equals(f, parts[0], StringComparison.OrdinalIgnoreCase));
        var direction = parts.Length > 1 ? parts[1].ToLowerInvariant() : "asc";
        if (field == null || parts.Length > 2 || (direction != "asc" && direction != "desc"))
        {
            throw Errors.InvalidQueryParam("sortOrder", text, string.Join(", ", fields) + ", optionally followed by :asc or :desc");
        }
        return (field, direction == "desc");
    }

    /// <summary>Every value of a repeated (or comma-separated) query parameter.</summary>
    public static List<string> Values(RouteContext context, string name)
        => context.Request.QueryValues(name).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();

    /// <summary>A division filter (divisionIds, ≤ 50) that keeps everything in Home ("*" or the Home id) and nothing else.</summary>
    public static bool InHomeDivision(RouteContext context, string name = "divisionIds")
    {
        var divisions = Values(context, name);
        if (divisions.Count > 50) throw Errors.InvalidQueryParam(name, divisions.Count.ToString(CultureInfo.InvariantCulture) + " values", "at most 50 division ids");
        return divisions.Count == 0 || divisions.Any(d => d == "*" || string.Equals(d, OrgState.HomeDivisionId, StringComparison.OrdinalIgnoreCase));
    }
}
