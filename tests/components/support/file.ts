// An image imported by a component (the tab bar's icons): the bundler gives its URL; here, a name that says what it is.
export default 'image-stub.png'
