-- Drives `zhunsheng lsp` through Neovim's own LSP client (0.7: vim.lsp.start_client), headless.
-- Arguments come in environment variables; the results go to a JSON file the test reads.
local bin = os.getenv("ZS_BIN")
local root = os.getenv("ZS_ROOT")
local file = os.getenv("ZS_FILE")
local out = os.getenv("ZS_OUT")
local results = { steps = {} }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({ cmd = { "node", bin, "lsp" }, root_dir = root, name = "zhunsheng" })
  assert(client_id, "the server did not start")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  table.insert(results.steps, "attached")

  -- diagnostics, as Neovim stores them for the buffer
  assert(vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), "no diagnostics within 60 s")
  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(results.diagnostics, { lnum = d.lnum, severity = d.severity, message = d.message, code = d.code or lsp.code, source = d.source or lsp.source })
  end
  table.insert(results.steps, "diagnostics")

  -- hover on a comparative: the cursor is placed the way a user does (search, then move by characters)
  vim.fn.search("活动次数 3次及以上")
  vim.cmd("normal! 8l")
  local params = vim.lsp.util.make_position_params()
  results.hoverPosition = params.position
  local replies = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 30000)
  for _, reply in pairs(replies or {}) do
    if reply.result then
      local contents = reply.result.contents
      results.hover = type(contents) == "table" and (contents.value or contents[1]) or contents
    end
  end
  table.insert(results.steps, "hover")

  -- rename the input under the cursor with Neovim's rename command; it applies the workspace edit
  vim.fn.cursor(1, 1)
  vim.fn.search("服务企业家次 达1500")
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.lsp.buf.rename("年度服务企业家次")
  assert(vim.wait(30000, function()
    local now = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    return table.concat(now, "\n") ~= table.concat(before, "\n")
  end, 50), "the rename changed nothing within 30 s")
  vim.cmd("silent! wall")
  table.insert(results.steps, "rename")

  -- the renamed buffer is checked again by the server: the diagnostics come back without a new error
  results.afterRename = {}
  vim.wait(3000, function() return false end, 100)
  for _, d in ipairs(vim.diagnostic.get(bufnr, { severity = vim.diagnostic.severity.ERROR })) do
    table.insert(results.afterRename, d.message)
  end
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  table.insert(results.steps, "stopped")
end)
if not ok then results.error = tostring(err) end
finish()
