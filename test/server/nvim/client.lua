-- A second LSP client: Neovim's built-in one (0.7+), headless. Starts
-- `node dist/server.js --stdio` for a sysdesign buffer, waits for diagnostics, asks for
-- hover and definition, and writes what it saw as JSON for the mocha test to read.
local env = vim.env
local out = {}

local function finish()
  local f = io.open(env.SYSDESIGN_OUT, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.SYSDESIGN_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(bufnr, 'filetype', 'sysdesign')

  local client_id = vim.lsp.start_client({
    name = 'sysdesign',
    cmd = { env.SYSDESIGN_NODE, env.SYSDESIGN_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.SYSDESIGN_FILE, ':h'),
  })
  vim.lsp.buf_attach_client(bufnr, client_id)

  out.waited = vim.wait(10000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  local diagnostics = vim.diagnostic.get(bufnr)
  out.diagnostics = #diagnostics
  if diagnostics[1] then
    out.message = diagnostics[1].message
    out.line = diagnostics[1].lnum
    out.col = diagnostics[1].col
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local function at(line, character)
    return { textDocument = { uri = uri }, position = { line = tonumber(line), character = tonumber(character) } }
  end

  local hover = client.request_sync('textDocument/hover', at(env.SYSDESIGN_HOVER_LINE, env.SYSDESIGN_HOVER_CHAR), 5000, bufnr)
  if hover and hover.result then
    out.hover = hover.result.contents.value
  end

  local definition = client.request_sync('textDocument/definition', at(env.SYSDESIGN_DEF_LINE, env.SYSDESIGN_DEF_CHAR), 5000, bufnr)
  if definition and definition.result then
    local loc = definition.result[1] or definition.result
    out.definition = { uri = loc.uri == uri, line = loc.range.start.line, character = loc.range.start.character }
  end

  client.stop()
  vim.wait(2000, function()
    return client.is_stopped()
  end, 20)
  out.stopped = client.is_stopped()
end)

if not ok then
  out.error = tostring(err)
end
finish()
